package dev.patchworkmcp.sidecar.webhooks;

import java.time.Instant;

/**
 * One try at delivering an event: the HTTP status (0 when no answer came), the error when it failed, and
 * whether the receiver accepted it (any 2xx). Immutable.
 */
public record DeliveryAttempt(
        String deliveryId,
        String webhookId,
        String event,
        int attempt,
        int statusCode,
        String error,
        boolean ok,
        Instant at) {}
