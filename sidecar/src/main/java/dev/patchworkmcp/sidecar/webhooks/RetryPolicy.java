package dev.patchworkmcp.sidecar.webhooks;

import java.time.Duration;

/**
 * How often and how patiently a delivery is retried: up to {@code attempts} tries, waiting
 * {@code firstDelay}, then 4 times longer after each failure (1 s, 4 s, 16 s by default). Immutable.
 */
public record RetryPolicy(int attempts, Duration firstDelay) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofSeconds(1));

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("a webhook needs at least 1 delivery attempt, got " + attempts);
        }
    }

    /** The wait before attempt {@code number} (2, 3, ...). */
    public Duration delayBefore(int number) {
        return firstDelay.multipliedBy((long) Math.pow(4, Math.max(0, number - 2)));
    }
}
