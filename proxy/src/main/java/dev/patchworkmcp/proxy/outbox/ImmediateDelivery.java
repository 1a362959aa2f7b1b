package dev.patchworkmcp.proxy.outbox;

import java.nio.file.Path;

/**
 * Tries to deliver a report the moment it is durable in the outbox, waiting a short bounded time for the sidecar,
 * so the agent can be told the sidecar's own id. Whatever the outcome, the outbox guarantees stand: a report not
 * delivered now stays in the outbox for the background sender. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ImmediateDelivery {

    /**
     * One bounded attempt; never throws. {@link Delivery.Retry} when the sidecar did not take it in time (it may
     * still, later: the attempt goes on in the background, and the sender retries).
     */
    Delivery tryNow(Path report);

    /** Never tries: only nudges the background sender, e.g. {@code sender::wake}. */
    static ImmediateDelivery queueOnly(Runnable wake) {
        return report -> {
            wake.run();
            return new Delivery.Queued();
        };
    }
}
