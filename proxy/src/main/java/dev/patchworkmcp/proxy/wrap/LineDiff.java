package dev.patchworkmcp.proxy.wrap;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line, with three lines of context, as {@code diff -u} prints it. Common
 * leading and trailing lines are set aside before the longest-common-subsequence table, so a large config with a
 * few changed entries stays cheap. Stateless.
 */
public final class LineDiff {
    private static final int CONTEXT = 3;
    private static final long TABLE_LIMIT = 4_000_000;

    private record Line(char op, String text, int oldNumber, int newNumber) {}

    private LineDiff() {}

    /** The diff from {@code before} to {@code after}; empty when they are equal. */
    public static String unified(String beforeLabel, String afterLabel, String before, String after) {
        List<Line> script = script(before.lines().toList(), after.lines().toList());
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < script.size()) {
            if (script.get(i).op() == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = hunkEnd(script, i);
            if (out.isEmpty()) {
                out.append("--- ").append(beforeLabel).append('\n');
                out.append("+++ ").append(afterLabel).append('\n');
            }
            appendHunk(out, script.subList(start, end));
            i = end;
        }
        return out.toString();
    }

    private static int hunkEnd(List<Line> script, int firstChange) {
        int end = firstChange;
        int lastChange = firstChange;
        while (end < script.size() && end - lastChange <= 2 * CONTEXT) {
            if (script.get(end).op() != ' ') {
                lastChange = end;
            }
            end++;
        }
        return Math.min(script.size(), lastChange + CONTEXT + 1);
    }

    private static void appendHunk(StringBuilder out, List<Line> hunk) {
        int oldStart = 0;
        int newStart = 0;
        int oldCount = 0;
        int newCount = 0;
        for (Line line : hunk) {
            if (line.op() != '+') {
                oldStart = oldStart == 0 ? line.oldNumber() : oldStart;
                oldCount++;
            }
            if (line.op() != '-') {
                newStart = newStart == 0 ? line.newNumber() : newStart;
                newCount++;
            }
        }
        out.append("@@ -").append(oldStart).append(',').append(oldCount);
        out.append(" +").append(newStart).append(',').append(newCount).append(" @@\n");
        hunk.forEach(line -> out.append(line.op()).append(line.text()).append('\n'));
    }

    private static List<Line> script(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix
                && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Line> script = new ArrayList<>();
        for (int k = 0; k < prefix; k++) {
            script.add(new Line(' ', a.get(k), k + 1, k + 1));
        }
        middle(a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix), prefix, script);
        for (int k = suffix; k > 0; k--) {
            script.add(new Line(' ', a.get(a.size() - k), a.size() - k + 1, b.size() - k + 1));
        }
        return script;
    }

    private static void middle(List<String> a, List<String> b, int offset, List<Line> script) {
        int n = a.size();
        int m = b.size();
        if ((long) (n + 1) * (m + 1) > TABLE_LIMIT) {
            for (int k = 0; k < n; k++) {
                script.add(new Line('-', a.get(k), offset + k + 1, offset + 1));
            }
            for (int k = 0; k < m; k++) {
                script.add(new Line('+', b.get(k), offset + n + 1, offset + k + 1));
            }
            return;
        }
        int[][] common = new int[n + 1][];
        for (int i = n; i >= 0; i--) {
            common[i] = new int[m + 1];
            for (int j = m - 1; i < n && j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                script.add(new Line(' ', a.get(i), offset + ++i, offset + ++j));
            } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
                script.add(new Line('-', a.get(i), offset + ++i, offset + j + 1));
            } else {
                script.add(new Line('+', b.get(j), offset + i + 1, offset + ++j));
            }
        }
    }
}
