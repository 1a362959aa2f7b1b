package dev.patchworkmcp.sidecar.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.contract.FeedbackToolContract;
import dev.patchworkmcp.sidecar.http.ApiException;
import dev.patchworkmcp.sidecar.http.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a {@code POST /api/feedback} body into a {@link FeedbackInput}, applying the feedback tool contract:
 * required fields non-blank, enums checked (the error lists the allowed values), lengths capped by the schema's
 * {@code maxLength}. {@code null} counts as absent; {@code tools_available: null} is an empty list. Unknown
 * fields are ignored, as the original did. Thread-safe (immutable).
 */
public final class FeedbackValidator {
    static final int ENRICHMENT_MAX_LENGTH = 200;
    static final int USER_AGENT_MAX_LENGTH = 500;
    static final int CONTEXT_MAX_BYTES = 256 * 1024;

    private final FeedbackToolContract contract;
    private final List<String> required;
    private final int maxTools;

    public FeedbackValidator(FeedbackToolContract contract) {
        this.contract = contract;
        this.required = contract.requiredProperties();
        JsonNode maxItems = contract.inputSchema()
                .path("properties")
                .path("tools_available")
                .path("maxItems");
        this.maxTools = maxItems.isInt() ? maxItems.asInt() : 500;
    }

    /** Validates {@code body}; {@code headerKey} and {@code userAgent} come from the request headers (may be null). */
    public FeedbackInput validate(JsonNode body, String headerKey, String userAgent) {
        String gapType = enumValue(body, "gap_type");
        String resolution = enumValue(body, "resolution");
        return new FeedbackInput(
                orDefault(limited(body, "server_name", ENRICHMENT_MAX_LENGTH), "unknown"),
                contractText(body, "what_i_needed"),
                contractText(body, "what_i_tried"),
                gapType,
                contractText(body, "suggestion"),
                contractText(body, "user_goal"),
                resolution,
                contractText(body, "agent_model"),
                tools(body),
                contractText(body, "session_id"),
                contractText(body, "client_type"),
                limited(body, "source", ENRICHMENT_MAX_LENGTH),
                truncate(userAgent == null ? "" : userAgent, USER_AGENT_MAX_LENGTH),
                limited(body, "client_name", ENRICHMENT_MAX_LENGTH),
                limited(body, "client_version", ENRICHMENT_MAX_LENGTH),
                limited(body, "protocol_version", ENRICHMENT_MAX_LENGTH),
                context(body),
                idempotencyKey(body, headerKey));
    }

    private String contractText(JsonNode body, String field) {
        String value = limited(body, field, contract.maxLength(field));
        if (required.contains(field) && value.isBlank()) {
            throw ApiException.invalid(
                    field,
                    field + " is required and must not be blank; "
                            + (body.has(field) ? "it was empty." : "it was missing."));
        }
        return value;
    }

    private String enumValue(JsonNode body, String field) {
        String value = contractText(body, field);
        List<String> allowed = contract.allowedValues(field);
        if (value.isEmpty() || allowed.isEmpty() || allowed.contains(value)) {
            return value;
        }
        throw ApiException.notAllowed(field, value, allowed);
    }

    private static String limited(JsonNode body, String field, int maxLength) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw ApiException.invalid(field, field + " must be a string, got " + describe(node) + ".");
        }
        String value = node.asText();
        if (maxLength >= 0 && value.codePointCount(0, value.length()) > maxLength) {
            throw ApiException.invalid(
                    field,
                    field + " is " + value.codePointCount(0, value.length()) + " characters long; the limit is "
                            + maxLength + ". Shorten it.");
        }
        return value;
    }

    private List<String> tools(JsonNode body) {
        JsonNode node = body.get("tools_available");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.invalid(
                    "tools_available", "tools_available must be an array of strings, got " + describe(node) + ".");
        }
        if (node.size() > maxTools) {
            throw ApiException.invalid(
                    "tools_available",
                    "tools_available has " + node.size() + " entries; the limit is " + maxTools + ".");
        }
        int maxLength = contract.maxLength("tools_available");
        List<String> tools = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ApiException.invalid(
                        "tools_available", "every tools_available entry must be a string, got " + describe(item) + ".");
            }
            if (maxLength >= 0 && item.asText().length() > maxLength) {
                throw ApiException.invalid(
                        "tools_available",
                        "the tool name '" + Texts.quote(item.asText()) + "' is longer than " + maxLength
                                + " characters.");
            }
            tools.add(item.asText());
        }
        return tools;
    }

    /**
     * A report with {@code source: "inferred"} (filed on an agent's behalf from its calls) must say why in
     * {@code context.inference}: the rule that fired and a confidence from 0 to 1.
     */
    private static void inference(JsonNode body) {
        if (!"inferred".equals(body.path("source").asText(""))) {
            return;
        }
        JsonNode inference = body.path("context").path("inference");
        if (!inference.isObject()
                || !inference.path("rule").isTextual()
                || inference.path("rule").asText().isBlank()) {
            throw ApiException.invalid(
                    "context.inference.rule",
                    "An inferred report (source 'inferred') needs context.inference.rule: the rule that fired.");
        }
        JsonNode confidence = inference.path("confidence");
        if (!confidence.isNumber() || confidence.asDouble() < 0 || confidence.asDouble() > 1) {
            throw ApiException.invalid(
                    "context.inference.confidence",
                    "An inferred report needs context.inference.confidence: a number from 0 to 1.");
        }
    }

    private static String context(JsonNode body) {
        inference(body);
        JsonNode node = body.get("context");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiException.invalid("context", "context must be a JSON object, got " + describe(node) + ".");
        }
        String json = node.toString();
        if (json.length() > CONTEXT_MAX_BYTES) {
            throw ApiException.invalid(
                    "context",
                    "context is " + json.length() + " bytes of JSON; the limit is " + CONTEXT_MAX_BYTES + ".");
        }
        return json;
    }

    private static String idempotencyKey(JsonNode body, String headerKey) {
        String fieldKey =
                limited(body, "idempotency_key", ENRICHMENT_MAX_LENGTH).strip();
        String header = headerKey == null ? "" : headerKey.strip();
        if (header.length() > ENRICHMENT_MAX_LENGTH) {
            throw ApiException.invalid(
                    "idempotency_key",
                    "The Idempotency-Key header is longer than " + ENRICHMENT_MAX_LENGTH + " characters.");
        }
        if (!header.isEmpty() && !fieldKey.isEmpty() && !header.equals(fieldKey)) {
            throw ApiException.invalid(
                    "idempotency_key",
                    "The Idempotency-Key header and the idempotency_key field differ; send one of them, or the same value.");
        }
        String key = header.isEmpty() ? fieldKey : header;
        return key.isEmpty() ? null : key;
    }

    private static String orDefault(String value, String fallback) {
        return value.isBlank() ? fallback : value;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "the number " + node.asText();
            case BOOLEAN -> "the boolean " + node.asText();
            case STRING -> "a string";
            default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }
}
