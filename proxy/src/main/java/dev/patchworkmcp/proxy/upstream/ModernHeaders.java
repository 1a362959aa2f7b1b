package dev.patchworkmcp.proxy.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request headers the Streamable HTTP transport of MCP 2026-07-28 requires on a POST, mirrored from the body:
 * {@code MCP-Protocol-Version} (the body's {@code _meta} version), {@code Mcp-Method}, and {@code Mcp-Name} for
 * the methods that name a tool, prompt or resource (in the {@code =?base64?...?=} form when the value is not plain
 * visible ASCII, or looks like that form). A message without a {@code _meta} protocol version is of the older
 * era and gets none. Thread-safe (stateless).
 */
final class ModernHeaders {
    private static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";

    private ModernHeaders() {}

    /** The headers for one message, empty when it is not a single request or notification of the new era. */
    static Map<String, String> of(JsonNode message) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (message == null || !message.isObject() || !message.path("method").isTextual()) {
            return headers;
        }
        JsonNode version = message.path("params").path("_meta").path(META_VERSION);
        if (!version.isTextual()) {
            return headers;
        }
        String method = message.get("method").asText();
        headers.put("MCP-Protocol-Version", version.asText());
        headers.put("Mcp-Method", method);
        JsonNode name = switch (method) {
            case "tools/call", "prompts/get" -> message.path("params").path("name");
            case "resources/read" -> message.path("params").path("uri");
            default -> null;
        };
        if (name != null && name.isTextual()) {
            headers.put("Mcp-Name", encode(name.asText()));
        }
        return headers;
    }

    /** A header value as is when it is plain visible ASCII, else in the {@code =?base64?...?=} form. */
    static String encode(String value) {
        boolean plain = !value.isEmpty()
                && value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)
                && value.strip().equals(value)
                && !(value.startsWith("=?base64?") && value.endsWith("?="));
        return plain
                ? value
                : "=?base64?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
