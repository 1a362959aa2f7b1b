package dev.patchworkmcp.proxy.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.contract.FeedbackToolContract;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the agent's arguments against the contract's input schema (required fields, types, enums, lengths)
 * and keeps the known ones. Stateless and thread-safe.
 */
public final class FeedbackArguments {

    private final FeedbackToolContract contract;

    public FeedbackArguments(FeedbackToolContract contract) {
        this.contract = contract;
    }

    /**
     * The agent's known fields, validated.
     *
     * @throws InvalidFeedbackException naming the field and what to send instead
     */
    public ObjectNode validate(JsonNode arguments) {
        if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
            arguments = JsonNodeFactory.instance.objectNode();
        }
        if (!arguments.isObject()) {
            throw new InvalidFeedbackException(
                    "the arguments must be a JSON object with what_i_needed, " + "what_i_tried and gap_type");
        }
        for (String required : contract.requiredProperties()) {
            JsonNode value = arguments.get(required);
            if (value == null
                    || value.isNull()
                    || (value.isTextual() && value.asText().isBlank())) {
                throw new InvalidFeedbackException("'" + required + "' is required: " + describe(required));
            }
        }
        ObjectNode accepted = JsonNodeFactory.instance.objectNode();
        JsonNode properties = contract.inputSchema().path("properties");
        Iterator<Map.Entry<String, JsonNode>> fields = arguments.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode schema = properties.get(field.getKey());
            boolean optional = !contract.requiredProperties().contains(field.getKey());
            if (schema == null
                    || field.getValue().isNull()
                    || (optional
                            && field.getValue().isTextual()
                            && field.getValue().asText().isBlank())) {
                continue;
            }
            check(field.getKey(), field.getValue(), schema);
            accepted.set(field.getKey(), field.getValue());
        }
        return accepted;
    }

    private void check(String name, JsonNode value, JsonNode schema) {
        String type = schema.path("type").asText();
        if (type.equals("array")) {
            if (!value.isArray()) {
                throw new InvalidFeedbackException(
                        "'" + name + "' must be an array of strings, e.g. " + "[\"search\", \"list_items\"]");
            }
            int maxItems = schema.path("maxItems").asInt(Integer.MAX_VALUE);
            if (value.size() > maxItems) {
                throw new InvalidFeedbackException(
                        "'" + name + "' has " + value.size() + " items; at most " + maxItems + " are allowed");
            }
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw new InvalidFeedbackException("'" + name + "' must hold only strings; found " + item);
                }
                checkLength(name, item.asText(), schema.path("items"));
            }
            return;
        }
        if (!value.isTextual()) {
            throw new InvalidFeedbackException("'" + name + "' must be a string; got "
                    + value.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        List<String> allowed = contract.allowedValues(name);
        if (!allowed.isEmpty() && !allowed.contains(value.asText())) {
            throw new InvalidFeedbackException("'" + name + "' must be one of " + String.join(", ", allowed) + "; got '"
                    + abbreviate(value.asText()) + "'");
        }
        checkLength(name, value.asText(), schema);
    }

    private static void checkLength(String name, String text, JsonNode schema) {
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        if (text.length() > max) {
            throw new InvalidFeedbackException(
                    "'" + name + "' is " + text.length() + " characters long; " + "shorten it to at most " + max);
        }
        int min = schema.path("minLength").asInt(0);
        if (text.length() < min) {
            throw new InvalidFeedbackException("'" + name + "' must not be empty");
        }
    }

    private String describe(String property) {
        List<String> allowed = contract.allowedValues(property);
        if (!allowed.isEmpty()) {
            return "one of " + String.join(", ", allowed);
        }
        return contract.inputSchema()
                .path("properties")
                .path(property)
                .path("description")
                .asText("a non-empty string");
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
