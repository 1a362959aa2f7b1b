package dev.patchworkmcp.sidecar.drafting.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.patchworkmcp.sidecar.drafting.DraftException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON schema the model must answer in (strict: every property required, no others, so both Anthropic
 * and OpenAI constrained decoding accept it), and the parser that turns an answer into a {@link DraftAnswer}.
 */
public final class AnswerSchema {

    private AnswerSchema() {}

    public static ResponseFormat responseFormat() {
        JsonObjectSchema edit = JsonObjectSchema.builder()
                .addProperty(
                        "action",
                        JsonEnumSchema.builder()
                                .enumValues("create", "replace", "delete")
                                .build())
                .addStringProperty("path", "file path relative to the repository root, '/'-separated")
                .addStringProperty("content", "create: the whole new file; otherwise empty")
                .addStringProperty(
                        "old_text", "replace: the exact text to replace, unique in the file; otherwise empty")
                .addStringProperty("new_text", "replace: the replacement text; otherwise empty")
                .required("action", "path", "content", "old_text", "new_text")
                .additionalProperties(false)
                .build();
        JsonObjectSchema root = JsonObjectSchema.builder()
                .addProperty("edits", JsonArraySchema.builder().items(edit).build())
                .addStringProperty("commit_message", "imperative mood, first line under 72 characters")
                .addStringProperty("pr_title", "the pull request title")
                .addStringProperty("pr_body", "what changed and why, referring to the report")
                .addProperty(
                        "confidence",
                        JsonNumberSchema.builder()
                                .description("0 to 1: how sure you are this fixes the reported gap")
                                .build())
                .addProperty("rationale", JsonStringSchema.builder().build())
                .required("edits", "commit_message", "pr_title", "pr_body", "confidence", "rationale")
                .additionalProperties(false)
                .build();
        return ResponseFormat.builder()
                .type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder()
                        .name("draft_pull_request")
                        .rootElement(root)
                        .build())
                .build();
    }

    /**
     * Parses the model's text with {@code json}; a clear {@link DraftException} when it is not the JSON the schema
     * asks for.
     */
    public static DraftAnswer parse(String text, ObjectMapper json) {
        JsonNode root;
        try {
            root = json.readTree(stripFence(text == null ? "" : text));
        } catch (Exception e) {
            throw new DraftException(
                    "The model's answer is not JSON (" + e.getClass().getSimpleName() + "); it began: " + clip(text));
        }
        if (root == null || !root.isObject()) {
            throw new DraftException("The model's answer is not a JSON object; it began: " + clip(text));
        }
        List<Edit> edits = new ArrayList<>();
        int index = 0;
        for (JsonNode edit : root.path("edits")) {
            index++;
            edits.add(edit(edit, index));
        }
        String commitMessage = required(root, "commit_message");
        String title = required(root, "pr_title");
        return new DraftAnswer(
                edits,
                commitMessage,
                title,
                root.path("pr_body").asText(""),
                Math.max(0, Math.min(1, root.path("confidence").asDouble(0))),
                root.path("rationale").asText(""));
    }

    private static Edit edit(JsonNode edit, int index) {
        String path = edit.path("path").asText("");
        String action = edit.path("action").asText("");
        return switch (action) {
            case "create" -> new Edit.Create(path, edit.path("content").asText(""));
            case "replace" ->
                new Edit.Replace(
                        path,
                        edit.path("old_text").asText(""),
                        edit.path("new_text").asText(""));
            case "delete" -> new Edit.Delete(path);
            default ->
                throw new DraftException("The model's edit " + index + " has action '" + clip(action)
                        + "'; allowed are create, replace, delete.");
        };
    }

    private static String required(JsonNode root, String field) {
        String value = root.path(field).asText("").strip();
        if (value.isEmpty()) {
            throw new DraftException("The model's answer has no " + field + ".");
        }
        return value;
    }

    private static String stripFence(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("```")) {
            trimmed = trimmed.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```$", "");
        }
        return trimmed;
    }

    /** At most 200 characters of {@code text}, for quoting untrusted text in messages. */
    public static String clip(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
