package dev.patchworkmcp.sidecar.drafting.context;

import dev.patchworkmcp.sidecar.drafting.repository.RepoFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds a numbered excerpt of a file: its head plus windows around the interesting lines, within a budget. */
final class Excerpt {
    private static final int HEAD_LINES = 30;
    private static final int MIN_BYTES = 1_000;

    private Excerpt() {}

    /** The excerpt, or null when not even a minimal one fits in {@code remaining} bytes. */
    static ShownFile of(RepoFile file, String content, List<Integer> interesting, ContextBudget budget, int remaining) {
        if (remaining < MIN_BYTES) {
            return null;
        }
        List<String> lines = content.lines().toList();
        List<int[]> ranges = ranges(interesting, lines.size(), budget.excerptRadius());
        StringBuilder rendered = new StringBuilder();
        List<String> extents = new ArrayList<>();
        for (int[] range : ranges) {
            StringBuilder block = new StringBuilder();
            if (!rendered.isEmpty()) {
                block.append("      ...\n");
            }
            for (int line = range[0]; line <= range[1]; line++) {
                block.append(String.format("%6d| %s", line, lines.get(line - 1)))
                        .append('\n');
            }
            if (rendered.length() + block.toString().getBytes(StandardCharsets.UTF_8).length > remaining) {
                break;
            }
            rendered.append(block);
            extents.add(range[0] + "-" + range[1]);
        }
        if (extents.isEmpty()) {
            return null;
        }
        String extent = "excerpt: lines " + String.join(", ", extents) + " of " + lines.size();
        return new ShownFile(file.path(), file.mode(), content, false, rendered.toString(), extent);
    }

    /** Merged 1-based inclusive line ranges: the head, then a window around each interesting line. */
    static List<int[]> ranges(List<Integer> interesting, int lineCount, int radius) {
        List<int[]> ranges = new ArrayList<>();
        ranges.add(new int[] {1, Math.min(HEAD_LINES, lineCount)});
        for (int line : interesting) {
            int from = Math.max(1, line - radius);
            int to = Math.min(lineCount, line + radius);
            int[] last = ranges.getLast();
            if (from <= last[1] + 1) {
                last[1] = Math.max(last[1], to);
            } else {
                ranges.add(new int[] {from, to});
            }
        }
        return ranges;
    }
}
