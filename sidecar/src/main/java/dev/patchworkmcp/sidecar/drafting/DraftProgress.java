package dev.patchworkmcp.sidecar.drafting;

/** Receives the progress of one draft run as it happens (the SSE stream, or a test's list). */
public interface DraftProgress {
    /** A step of the run, e.g. "Calling Anthropic (claude-sonnet-4-5) with structured output...". */
    void step(String message);

    /** A detail under the current step, e.g. one file read. */
    void detail(String message);
}
