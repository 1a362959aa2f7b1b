package dev.patchworkmcp.sidecar.drafting.guard;

/** Upper bounds of one draft's change: files touched, bytes of one file, bytes of all new content. */
public record DraftLimits(int maxFiles, int maxFileBytes, int maxTotalBytes) {
    public static DraftLimits defaults() {
        return new DraftLimits(10, 100_000, 300_000);
    }
}
