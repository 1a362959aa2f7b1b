package dev.patchworkmcp.sidecar.drafting.guard;

import dev.patchworkmcp.sidecar.drafting.DraftException;
import dev.patchworkmcp.sidecar.drafting.DraftRefusedException;
import dev.patchworkmcp.sidecar.drafting.context.DraftContext;
import dev.patchworkmcp.sidecar.drafting.context.ShownFile;
import dev.patchworkmcp.sidecar.drafting.model.AnswerSchema;
import dev.patchworkmcp.sidecar.drafting.model.DraftAnswer;
import dev.patchworkmcp.sidecar.drafting.model.Edit;
import dev.patchworkmcp.sidecar.drafting.repository.ChangedFile;
import dev.patchworkmcp.sidecar.drafting.repository.RepoFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks the model's answer before anything is written and turns it into the final files. Refuses (with every
 * reason) paths that leave the repository or are protected, changes to files the model was not shown, creating
 * files that exist, and changes over the limits; fails when an edit does not apply cleanly. Immutable.
 */
public final class Guardrails {
    private final DraftLimits limits;

    public Guardrails(DraftLimits limits) {
        this.limits = limits;
    }

    /** The files to commit; throws {@link DraftRefusedException} or {@link DraftException}. */
    public List<ChangedFile> apply(DraftAnswer answer, DraftContext context, ReviewerPermissions permissions) {
        List<String> violations = new ArrayList<>();
        List<Edit> edits = new ArrayList<>();
        int index = 0;
        for (Edit edit : answer.edits()) {
            index++;
            check(edit, index, context, permissions, violations).ifPresent(edits::add);
        }
        if (!violations.isEmpty()) {
            throw new DraftRefusedException(violations);
        }
        List<ChangedFile> files = applyAll(edits, context);
        checkLimits(files);
        if (files.isEmpty()) {
            throw new DraftException("The model proposed no change"
                    + (answer.rationale().isBlank() ? "." : ": " + AnswerSchema.clip(answer.rationale())));
        }
        return files;
    }

    private Optional<Edit> check(
            Edit edit, int index, DraftContext context, ReviewerPermissions permissions, List<String> violations) {
        StringBuilder problem = new StringBuilder();
        Optional<String> normalised = RepoPath.normalise(edit.path(), problem);
        if (normalised.isEmpty()) {
            violations.add("edit " + index + ": " + problem);
            return Optional.empty();
        }
        String path = normalised.get();
        Optional<String> refusal = ProtectedPaths.refusal(path, permissions);
        if (refusal.isPresent()) {
            violations.add("edit " + index + ": " + refusal.get());
            return Optional.empty();
        }
        Optional<String> structure = structureRefusal(path, context.existing());
        if (structure.isPresent()) {
            violations.add("edit " + index + ": " + structure.get());
            return Optional.empty();
        }
        boolean exists = context.existing().containsKey(path);
        boolean shown = context.shown(path).isPresent();
        switch (edit) {
            case Edit.Create create -> {
                if (exists) {
                    violations.add("edit " + index + ": creates '" + path + "', which already exists"
                            + (shown ? "; use replace" : " and was not shown to the model"));
                    return Optional.empty();
                }
                return Optional.of(new Edit.Create(path, create.content()));
            }
            case Edit.Replace replace -> {
                if (!shown) {
                    violations.add("edit " + index + ": changes '" + path + "', which was not shown to the model");
                    return Optional.empty();
                }
                return Optional.of(new Edit.Replace(path, replace.oldText(), replace.newText()));
            }
            case Edit.Delete delete -> {
                if (!shown) {
                    violations.add("edit " + index + ": deletes '" + path + "', which was not shown to the model");
                    return Optional.empty();
                }
                return Optional.of(new Edit.Delete(path));
            }
        }
    }

    /**
     * Refuses a symbolic link itself (never written, re-targeted or followed: its target may lie outside the
     * repository) and any path below a link or below a file, which no commit can hold.
     */
    private static Optional<String> structureRefusal(String path, Map<String, RepoFile> existing) {
        RepoFile file = existing.get(path);
        if (file != null && !file.regular()) {
            return Optional.of("'" + path + "' is a symbolic link or a submodule in the repository; a draft never"
                    + " writes, re-targets or follows links");
        }
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            String parent = path.substring(0, slash);
            RepoFile above = existing.get(parent);
            if (above != null) {
                return Optional.of("'" + path + "' is under '" + parent + "', which is "
                        + (above.symlink()
                                ? "a symbolic link; a draft never follows links"
                                : "a file, not a directory"));
            }
        }
        return Optional.empty();
    }

    private static List<ChangedFile> applyAll(List<Edit> edits, DraftContext context) {
        Map<String, String> working = new LinkedHashMap<>();
        Map<String, String> modes = new LinkedHashMap<>();
        int index = 0;
        for (Edit edit : edits) {
            index++;
            String path = edit.path();
            ShownFile shown = context.shown(path).orElse(null);
            if (!working.containsKey(path)) {
                working.put(path, shown == null ? null : shown.content());
                modes.put(path, shown == null ? null : shown.mode());
            }
            String current = working.get(path);
            switch (edit) {
                case Edit.Create create -> {
                    if (current != null) {
                        throw new DraftException("Edit " + index + " creates '" + path + "' a second time.");
                    }
                    working.put(path, create.content());
                }
                case Edit.Replace replace -> working.put(path, replaced(replace, current, index));
                case Edit.Delete delete -> {
                    if (current == null) {
                        throw new DraftException("Edit " + index + " deletes '" + path + "', which no longer exists.");
                    }
                    working.put(path, null);
                }
            }
        }
        List<ChangedFile> files = new ArrayList<>();
        working.forEach((path, content) -> {
            String original = context.shown(path).map(ShownFile::content).orElse(null);
            if (!Objects.equals(original, content)) {
                files.add(new ChangedFile(path, content, modes.get(path)));
            }
        });
        return files;
    }

    private static String replaced(Edit.Replace replace, String current, int index) {
        String path = replace.path();
        if (current == null) {
            throw new DraftException("Edit " + index + " replaces text in '" + path + "', which was deleted.");
        }
        if (replace.oldText().isEmpty()) {
            throw new DraftException("Edit " + index + " replaces an empty snippet in '" + path
                    + "'; old_text must be text copied from the file.");
        }
        int first = current.indexOf(replace.oldText());
        if (first < 0) {
            throw new DraftException("Edit " + index + " does not apply: the text to replace was not found in '" + path
                    + "'. It began: " + AnswerSchema.clip(replace.oldText()));
        }
        int count = 0;
        for (int at = first; at >= 0; at = current.indexOf(replace.oldText(), at + 1)) {
            count++;
        }
        if (count > 1) {
            throw new DraftException("Edit " + index + " does not apply: the text to replace occurs " + count
                    + " times in '" + path + "'; it must be unique.");
        }
        return current.substring(0, first)
                + replace.newText()
                + current.substring(first + replace.oldText().length());
    }

    private void checkLimits(List<ChangedFile> files) {
        List<String> violations = new ArrayList<>();
        if (files.size() > limits.maxFiles()) {
            violations.add(
                    "the change touches " + files.size() + " files; at most " + limits.maxFiles() + " are allowed");
        }
        long total = 0;
        for (ChangedFile file : files) {
            int bytes = file.deleted() ? 0 : file.content().getBytes(StandardCharsets.UTF_8).length;
            total += bytes;
            if (bytes > limits.maxFileBytes()) {
                violations.add("'" + file.path() + "' would be " + bytes + " bytes; at most " + limits.maxFileBytes()
                        + " are allowed");
            }
        }
        if (total > limits.maxTotalBytes()) {
            violations.add("the change writes " + total + " bytes; at most " + limits.maxTotalBytes() + " are allowed");
        }
        if (!violations.isEmpty()) {
            throw new DraftRefusedException(violations);
        }
    }
}
