package dev.patchworkmcp.sidecar.drafting.guard;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Normalises a path the model chose: '/'-separated, relative, {@code .} and empty segments dropped, {@code ..}
 * resolved, and refused when it is absolute, leaves the repository, uses backslashes or control characters, or
 * names git's own metadata. The result is the only spelling later checks and writes see.
 */
final class RepoPath {
    private static final int MAX_LENGTH = 400;

    private RepoPath() {}

    /** The normalised path, or empty with the reason in {@code problem}. */
    static Optional<String> normalise(String raw, StringBuilder problem) {
        if (raw == null || raw.isBlank()) {
            problem.append("an empty path");
            return Optional.empty();
        }
        if (raw.length() > MAX_LENGTH) {
            problem.append("a path longer than ").append(MAX_LENGTH).append(" characters");
            return Optional.empty();
        }
        if (raw.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            problem.append("'").append(printable(raw)).append("' contains a backslash or a control character");
            return Optional.empty();
        }
        if (raw.startsWith("/") || raw.startsWith("~") || raw.matches("^[A-Za-z]:.*")) {
            problem.append("'").append(raw).append("' is absolute; paths must be relative to the repository");
            return Optional.empty();
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : raw.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    problem.append("'").append(raw).append("' leaves the repository");
                    return Optional.empty();
                }
                segments.removeLast();
                continue;
            }
            segments.add(segment);
        }
        if (segments.isEmpty()) {
            problem.append("'").append(raw).append("' names the repository root");
            return Optional.empty();
        }
        if (segments.stream().anyMatch(s -> Lookalikes.skeleton(s).equals(".git"))) {
            problem.append("'").append(raw).append("' is inside git metadata (.git)");
            return Optional.empty();
        }
        return Optional.of(String.join("/", segments));
    }

    private static String printable(String raw) {
        return raw.replaceAll("\\p{Cntrl}", "?");
    }
}
