package dev.patchworkmcp.proxy.outbox;

import java.time.Duration;

/**
 * Exponential backoff between delivery attempts: {@code initial}, doubled after each failure, never more than
 * {@code cap}. Immutable.
 */
public record RetryPolicy(Duration initial, Duration cap, Duration rescan) {

    /** 1 s doubling to 30 s; the outbox is rescanned every minute for reports of other proxies. */
    public static RetryPolicy standard() {
        return new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1));
    }

    /** The wait after {@code failures} consecutive failures (at least 1). */
    public Duration delayAfter(int failures) {
        long millis = initial.toMillis();
        for (int i = 1; i < failures && millis < cap.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }
}
