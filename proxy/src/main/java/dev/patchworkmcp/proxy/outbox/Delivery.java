package dev.patchworkmcp.proxy.outbox;

/** What became of one attempt to deliver a report to the sidecar. */
public sealed interface Delivery {

    /**
     * The sidecar has it (201 recorded, or 200 duplicate of an earlier attempt); {@code id} is the id the sidecar
     * gave the report, or null when it is not known (e.g. another proxy delivered it).
     */
    record Delivered(int status, String id) implements Delivery {}

    /** The sidecar refused it for good (a 4xx other than auth and throttling); never retried. */
    record Rejected(int status, String reason) implements Delivery {}

    /** The sidecar refused our credentials; kept for a proxy started with the right key. */
    record Unauthorized(int status, String reason) implements Delivery {}

    /** Not delivered this time (sidecar down, 5xx, timeout, throttled); retried later. */
    record Retry(String reason) implements Delivery {}

    /** Not tried now: handed to the background sender at once, as configured (no immediate wait). */
    record Queued() implements Delivery {}
}
