package dev.patchworkmcp.proxy.wrap;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the header values of a wrapped remote entry (bearer tokens, API keys) out of the proxy's arguments, which
 * every user of the machine sees in {@code ps}, and out of the copy of the original entry kept for unwrapping.
 *
 * <p>Each header's value moves to the entry's {@code env} under {@code PATCHWORK_HEADER_<NAME>} (the header name in
 * capitals, every character other than a letter or digit as {@code _}), and the proxy gets {@code --header-env
 * Name=PATCHWORK_HEADER_<NAME>}. The kept original says {@code "<env PATCHWORK_HEADER_<NAME>>"} in place of the value,
 * and its kept text the same, so the file holds each value once; unwrapping puts the values back from {@code env}.
 * Stateless and thread-safe.
 */
final class HeaderSecrets {

    private static final String PREFIX = "PATCHWORK_HEADER_";
    private static final Pattern PLACEHOLDER = Pattern.compile("<env ([A-Za-z_][A-Za-z0-9_]*)>");

    private HeaderSecrets() {}

    /** The variable that carries header {@code header}, not yet used in {@code env}. */
    static String variableFor(String header, ObjectNode env) {
        String base = PREFIX + header.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        String variable = base;
        for (int n = 2; env.has(variable); n++) {
            variable = base + "_" + n;
        }
        return variable;
    }

    /** What the kept original says in place of a value carried by {@code variable}. */
    static String placeholder(String variable) {
        return "<env " + variable + ">";
    }

    /**
     * Placeholder to value, for every header of {@code original} that was moved to {@code env}; a value is null when
     * its variable is no longer in {@code env}.
     */
    static Map<String, String> values(JsonNode original, JsonNode env) {
        Map<String, String> values = new LinkedHashMap<>();
        original.path("headers").forEach(value -> {
            Matcher placeholder = PLACEHOLDER.matcher(value.asText());
            if (value.isTextual() && placeholder.matches()) {
                JsonNode carried = env == null ? null : env.get(placeholder.group(1));
                values.put(value.asText(), carried != null && carried.isTextual() ? carried.asText() : null);
            }
        });
        return values;
    }

    /** {@code original} with its placeholders replaced by {@code values}. */
    static ObjectNode restore(ObjectNode original, Map<String, String> values) {
        ObjectNode restored = original.deepCopy();
        if (restored.get("headers") instanceof ObjectNode headers) {
            for (String name :
                    headers.properties().stream().map(Map.Entry::getKey).toList()) {
                String value = values.get(headers.get(name).asText());
                if (value != null) {
                    headers.put(name, value);
                }
            }
        }
        return restored;
    }

    /** {@code text} with each value's JSON string replaced by its placeholder's; empty when a value is not found. */
    static Optional<String> redactText(String text, Map<String, String> values) {
        String redacted = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            String literal = quoted(value.getValue());
            if (!redacted.contains(literal) || text.contains(quoted(value.getKey()))) {
                return Optional.empty();
            }
            redacted = redacted.replace(literal, quoted(value.getKey()));
        }
        return Optional.of(redacted);
    }

    /** The reverse of {@link #redactText}. */
    static String restoreText(String text, Map<String, String> values) {
        String restored = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            if (value.getValue() != null) {
                restored = restored.replace(quoted(value.getKey()), quoted(value.getValue()));
            }
        }
        return restored;
    }

    private static String quoted(String value) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }
}
