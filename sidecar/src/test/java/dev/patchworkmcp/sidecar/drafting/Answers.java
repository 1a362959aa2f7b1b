package dev.patchworkmcp.sidecar.drafting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds model answers in the draft schema's JSON, for the fake providers. */
public final class Answers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode edits = root.putArray("edits");

    public static Answers answer() {
        return new Answers();
    }

    public Answers create(String path, String content) {
        edits.addObject()
                .put("action", "create")
                .put("path", path)
                .put("content", content)
                .put("old_text", "")
                .put("new_text", "");
        return this;
    }

    Answers replace(String path, String oldText, String newText) {
        edits.addObject()
                .put("action", "replace")
                .put("path", path)
                .put("content", "")
                .put("old_text", oldText)
                .put("new_text", newText);
        return this;
    }

    Answers delete(String path) {
        edits.addObject()
                .put("action", "delete")
                .put("path", path)
                .put("content", "")
                .put("old_text", "")
                .put("new_text", "");
        return this;
    }

    public String json() {
        return root.deepCopy()
                .put("commit_message", "Add get_forecast tool")
                .put("pr_title", "Add a get_forecast tool")
                .put("pr_body", "Agents asked for a forecast; this adds it.")
                .put("confidence", 0.8)
                .put("rationale", "The report asks for forecasts and the server only has current weather.")
                .toString();
    }
}
