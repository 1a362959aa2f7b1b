package dev.patchworkmcp.proxy.wrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rewrite of one config file as edits of its text: each changed entry's value is replaced where it stands, and
 * every other byte (comments, trailing commas, spacing, key order, line ends) stays as the user wrote it. Wrapping an
 * entry whose text is not what this file's layout would produce (comments inside, a one-line array) keeps that text
 * under {@code _patchwork.original_text}, so that unwrapping puts back exactly the bytes that were there. If an entry
 * cannot be located in the text (never expected for a file that parsed), the whole document is re-serialised instead,
 * as before. Not thread-safe: one instance per plan.
 */
final class EntryEdits {
    /** Beside {@code _patchwork.original}: the entry's text as it was, when a re-serialisation would differ. */
    static final String ORIGINAL_TEXT = "original_text";

    private record Edit(int start, int end, String replacement) {}

    private final ConfigDocument document;
    private final String text;
    private final List<Edit> edits = new ArrayList<>();
    private boolean everyEntryFound = true;

    EntryEdits(ConfigDocument document) {
        this.document = document;
        this.text = document.text();
    }

    /**
     * Records that the entry at {@code path} (keys from the top) changes from {@code before} to {@code after}. On
     * wrapping, {@code after} may gain {@code _patchwork.original_text}.
     */
    void replace(List<String> path, ObjectNode before, ObjectNode after) {
        Optional<JsonSpans.Span> found = JsonSpans.find(text, path);
        if (found.isEmpty()) {
            everyEntryFound = false;
            return;
        }
        JsonSpans.Span span = found.get();
        String indent = JsonSpans.indentOfLine(text, span.start());
        String beforeText = text.substring(span.start(), span.end());
        keepOriginalText(before, after, beforeText, indent);
        String replacement = originalText(before, after).orElseGet(() -> document.renderValue(after, indent));
        edits.add(new Edit(span.start(), span.end(), replacement));
    }

    /** Whether the file keeps everything but the changed entries (false: it was re-serialised as a whole). */
    boolean inPlace() {
        return everyEntryFound;
    }

    /** The new text of the file; {@code root} is the edited tree, used only when an entry could not be located. */
    String apply(JsonNode root) {
        if (!everyEntryFound) {
            return document.render(root);
        }
        StringBuilder out = new StringBuilder(text);
        edits.stream()
                .sorted(Comparator.comparingInt(Edit::start).reversed())
                .forEach(edit -> out.replace(edit.start(), edit.end(), edit.replacement()));
        return out.toString();
    }

    /** A fresh wrap of an entry whose text a re-serialisation would not reproduce keeps that text. */
    private void keepOriginalText(ObjectNode before, ObjectNode after, String beforeText, String indent) {
        if (!(after.get(EntryWrapper.PRIVATE_KEY) instanceof ObjectNode patchwork)
                || !(patchwork.get("original") instanceof ObjectNode original)) {
            return;
        }
        Map<String, String> headerValues = HeaderSecrets.values(original, after.get("env"));
        if (before.equals(HeaderSecrets.restore(original, headerValues))
                && !document.renderValue(before, indent).equals(beforeText)) {
            // without the header values, which stay in env only; a text they cannot be cut from is not kept
            HeaderSecrets.redactText(beforeText, headerValues).ifPresent(text -> patchwork.put(ORIGINAL_TEXT, text));
        }
    }

    /** On unwrapping, the kept text, if it still says what {@code _patchwork.original} says. */
    private static Optional<String> originalText(ObjectNode before, ObjectNode after) {
        if (after.has(EntryWrapper.PRIVATE_KEY)) {
            return Optional.empty();
        }
        JsonNode kept = before.path(EntryWrapper.PRIVATE_KEY).path(ORIGINAL_TEXT);
        if (!kept.isTextual()) {
            return Optional.empty();
        }
        String text = HeaderSecrets.restoreText(
                kept.asText(),
                HeaderSecrets.values(before.path(EntryWrapper.PRIVATE_KEY).path("original"), before.get("env")));
        return ConfigDocument.parseLenient(text).filter(after::equals).map(parsed -> text);
    }
}
