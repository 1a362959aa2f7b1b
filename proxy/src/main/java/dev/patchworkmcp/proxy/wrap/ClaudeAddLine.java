package dev.patchworkmcp.proxy.wrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code claude mcp add} command that registers a wrapped entry with Claude Code, for users who prefer the CLI.
 * Environment values are referenced as {@code "$NAME"} and secret-looking header values (authorization, keys,
 * tokens, cookies) are replaced by a placeholder, so no secret lands on the terminal.
 */
public final class ClaudeAddLine {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SECRET_HEADER = Pattern.compile("(?i)auth|key|token|secret|cookie|password|session");

    private ClaudeAddLine() {}

    /** The command line for a wrapped (stdio) entry named {@code name}. */
    public static String of(String name, ObjectNode wrapped) {
        List<String> words = new ArrayList<>(List.of("claude", "mcp", "add", quote(name)));
        if (wrapped.get("env") instanceof ObjectNode env) {
            for (String key : env.properties().stream().map(Map.Entry::getKey).toList()) {
                words.add("-e");
                words.add(ENV_NAME.matcher(key).matches() ? key + "=\"$" + key + "\"" : quote(key + "=..."));
            }
        }
        words.add("--");
        words.add(quote(wrapped.path("command").asText()));
        String previous = "";
        for (JsonNode arg : wrapped.path("args")) {
            String word = previous.equals("--header") ? maskSecretHeader(arg.asText()) : arg.asText();
            words.add(quote(word));
            previous = arg.asText();
        }
        return String.join(" ", words);
    }

    /** {@code Authorization: Bearer abc} becomes {@code Authorization: <your Authorization value>}. */
    private static String maskSecretHeader(String header) {
        int colon = header.indexOf(':');
        if (colon < 0 || !SECRET_HEADER.matcher(header.substring(0, colon)).find()) {
            return header;
        }
        String name = header.substring(0, colon);
        return name + ": <your " + name + " value>";
    }

    /** Quotes a word for a POSIX shell; words made of safe characters stay as they are. */
    public static String quote(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
