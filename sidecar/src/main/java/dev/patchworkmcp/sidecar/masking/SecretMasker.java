package dev.patchworkmcp.sidecar.masking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Replaces secrets in text with {@code [REDACTED:<rule>]} before anything is stored or sent. Applied to report
 * fields, call records, LLM prompts and webhook payloads. Text that holds JSON is masked value by value, so the
 * result stays valid JSON. Immutable and thread-safe.
 */
public final class SecretMasker {
    private final List<SecretRule> rules;
    private final ObjectMapper json;

    public SecretMasker(List<SecretRule> rules, ObjectMapper json) {
        this.rules = List.copyOf(rules);
        this.json = json;
    }

    /** The built-in rules plus {@code extraPatterns}. */
    public static SecretMasker of(List<String> extraPatterns, ObjectMapper json) {
        return new SecretMasker(SecretRules.withExtra(extraPatterns), json);
    }

    /** {@code text} with every secret masked; the same instance when nothing matched; null stays null. */
    public String mask(String text) {
        if (text == null || text.length() < 8) {
            return text;
        }
        String lowerCase = text.toLowerCase(Locale.ROOT);
        String result = text;
        for (SecretRule rule : rules) {
            if (rule.mayMatch(lowerCase)) {
                result = apply(rule, result);
            }
        }
        return result;
    }

    private static String apply(SecretRule rule, String text) {
        Matcher matcher = rule.pattern().matcher(text);
        if (!matcher.find()) {
            return text;
        }
        boolean group = rule.masksGroup();
        String mask = "[REDACTED:" + rule.name() + "]";
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        do {
            int start = group ? matcher.start("secret") : matcher.start();
            int end = group ? matcher.end("secret") : matcher.end();
            out.append(text, copied, start).append(mask);
            copied = end;
        } while (matcher.find());
        return out.append(text, copied, text.length()).toString();
    }

    /** JSON text with every string value (and object key) masked; text that is not JSON is masked as text. */
    public String maskJson(String jsonText) {
        if (jsonText == null || mask(jsonText).equals(jsonText)) {
            return jsonText; // nothing to mask anywhere in the text: no need to parse it
        }
        try {
            return json.writeValueAsString(mask(json.readTree(jsonText)));
        } catch (JsonProcessingException e) {
            return mask(jsonText);
        }
    }

    /** A copy of {@code node} with every string masked. */
    public JsonNode mask(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String masked = mask(node.textValue());
            return masked.equals(node.textValue()) ? node : TextNode.valueOf(masked);
        }
        if (node.isArray()) {
            ArrayNode copy = json.createArrayNode();
            node.forEach(item -> copy.add(mask(item)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = json.createObjectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                copy.set(mask(field.getKey()), mask(field.getValue()));
            }
            return copy;
        }
        return node;
    }
}
