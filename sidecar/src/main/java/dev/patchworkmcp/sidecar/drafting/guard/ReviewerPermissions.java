package dev.patchworkmcp.sidecar.drafting.guard;

import dev.patchworkmcp.sidecar.drafting.ReviewerNote;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the reviewers' notes allow beyond the default guardrails. A note line {@code allow: ci} lets the draft
 * change CI configuration (never {@code .github/}); {@code allow: dependencies} lets it change dependency
 * manifests and lock files. Only reviewers write notes; agent text cannot grant anything.
 */
public record ReviewerPermissions(boolean ci, boolean dependencies) {
    private static final Pattern ALLOW = Pattern.compile("^\\s*allow\\s*:\\s*(.+)$", Pattern.MULTILINE);

    public static ReviewerPermissions none() {
        return new ReviewerPermissions(false, false);
    }

    public static ReviewerPermissions from(List<ReviewerNote> notes) {
        boolean ci = false;
        boolean dependencies = false;
        for (ReviewerNote note : notes) {
            var matcher = ALLOW.matcher(note.content() == null ? "" : note.content());
            while (matcher.find()) {
                for (String word : matcher.group(1).toLowerCase(Locale.ROOT).split("[,\\s]+")) {
                    ci |= word.equals("ci");
                    dependencies |= word.equals("dependencies");
                }
            }
        }
        return new ReviewerPermissions(ci, dependencies);
    }
}
