package dev.patchworkmcp.proxy.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.Status;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * One POST of a client of protocol revision 2026-07-28 or later: a single JSON-RPC message without a session,
 * whose request carries its protocol version and client identity in {@code _meta}. {@link #read} checks what the
 * Streamable HTTP transport of that revision requires of the request headers: {@code MCP-Protocol-Version} equal
 * to the body's version, {@code Mcp-Method} equal to its method, and {@code Mcp-Name} (plain or in the
 * {@code =?base64?...?=} form) equal to {@code params.name} or {@code params.uri} where the method names one. A
 * failed check is answered 400 with {@code HeaderMismatch} ({@value #HEADER_MISMATCH}); a {@code _meta} without
 * the protocol version or the client capabilities 400 with invalid params; a version the proxy does not serve
 * statelessly 400 with {@code UnsupportedProtocolVersion} ({@value #UNSUPPORTED_VERSION}) listing the versions it
 * serves per request; {@code initialize} (removed in 2026-07-28) 404 with method not found. Immutable.
 *
 * @param method the JSON-RPC method
 * @param idJson the request's id as JSON text, or null for a notification
 * @param identity who the client says it is ({@code clientInfo} name and version), the key its reports are grouped by
 * @param progressToken the request's {@code progressToken} as JSON text, or null
 */
record StatelessRequest(String method, String idJson, String identity, String progressToken) {
    static final HeaderName PROTOCOL_VERSION = HeaderNames.create("MCP-Protocol-Version");
    static final HeaderName METHOD = HeaderNames.create("Mcp-Method");
    static final HeaderName NAME = HeaderNames.create("Mcp-Name");
    static final int HEADER_MISMATCH = -32020;
    static final int UNSUPPORTED_VERSION = -32022;
    static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
    static final String META_CLIENT = "io.modelcontextprotocol/clientInfo";
    static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    /** The revisions served without a session. */
    static final Set<String> STATELESS_VERSIONS = Set.of("2026-07-28");

    private static final Set<String> HANDSHAKE_VERSIONS =
            Set.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");
    private static final Map<String, String> NAME_FIELDS =
            Map.of("tools/call", "name", "prompts/get", "name", "resources/read", "uri");
    private static final String BASE64_PREFIX = "=?base64?";
    private static final String BASE64_SUFFIX = "?=";

    /** Refusal of a POST, with the HTTP status and the JSON-RPC error body to answer with. */
    static final class RejectedException extends RuntimeException {
        private final transient Status status;
        private final String body;

        RejectedException(Status status, String body) {
            super(body, null, false, false);
            this.status = status;
            this.body = body;
        }

        Status status() {
            return status;
        }

        String body() {
            return body;
        }
    }

    boolean isNotification() {
        return idJson == null;
    }

    /**
     * True when the POST belongs to the stateless revision: no {@code Mcp-Session-Id}, and either a protocol version
     * header of a stateless revision (or one the proxy does not know) or a protocol version in the body's
     * {@code _meta}. (An old client's {@code initialize} carries neither.)
     */
    static boolean isStateless(ServerRequestHeaders headers, JsonNode message) {
        if (headers.contains(StreamableHttpEndpoint.SESSION_ID)) {
            return false;
        }
        String header = headers.first(PROTOCOL_VERSION).orElse(null);
        if (header != null && !HANDSHAKE_VERSIONS.contains(header)) {
            return true;
        }
        return message.isObject() && message.path("params").path("_meta").has(META_VERSION);
    }

    /** Checks one stateless POST; throws {@link RejectedException} with the answer the specification names. */
    static StatelessRequest read(ServerRequestHeaders headers, JsonNode message) {
        if (!message.isObject() || !message.path("method").isTextual()) {
            throw invalid(
                    null,
                    "a request of revision 2026-07-28 is one JSON-RPC request or notification object"
                            + " with a method (no batches, no responses)");
        }
        String method = message.get("method").asText();
        JsonNode id = message.get("id");
        if (id == null) {
            return new StatelessRequest(method, null, identity(message), null);
        }
        if (!(id.isTextual() || id.isIntegralNumber())) {
            throw invalid(null, "the request id must be a string or an integer, got " + id);
        }
        if (method.equals("initialize")) {
            throw new RejectedException(
                    Status.NOT_FOUND_404,
                    JsonRpcShape.error(
                            id,
                            -32601,
                            "Method not found: initialize was removed in 2026-07-28 (requests carry their version in"
                                    + " _meta); a client of an earlier version sends initialize without one"));
        }
        checkVersion(headers, message, id);
        checkHeader(headers, METHOD, method, id);
        String nameField = NAME_FIELDS.get(method);
        JsonNode bodyName = nameField == null ? null : message.path("params").get(nameField);
        if (bodyName != null && bodyName.isTextual()) {
            checkHeader(headers, NAME, bodyName.asText(), id);
        }
        JsonNode token = message.path("params").path("_meta").path("progressToken");
        return new StatelessRequest(
                method, id.toString(), identity(message), token.isValueNode() ? token.toString() : null);
    }

    private static void checkVersion(ServerRequestHeaders headers, JsonNode message, JsonNode id) {
        JsonNode meta = message.path("params").path("_meta");
        JsonNode bodyVersion = meta.path(META_VERSION);
        if (!bodyVersion.isTextual()) {
            throw invalidParams(
                    id,
                    "params._meta must carry \"" + META_VERSION + "\" (and \"" + META_CAPABILITIES
                            + "\"): every request of 2026-07-28 names its protocol version");
        }
        String header = headers.first(PROTOCOL_VERSION).orElse(null);
        if (header == null) {
            throw mismatch(
                    id,
                    "the MCP-Protocol-Version header is missing; it must repeat the body's _meta \"" + META_VERSION
                            + "\"");
        }
        if (!header.equals(bodyVersion.asText())) {
            throw mismatch(
                    id,
                    "MCP-Protocol-Version header value '" + header + "' does not match body value '"
                            + bodyVersion.asText() + "'");
        }
        if (!STATELESS_VERSIONS.contains(header)) {
            ObjectNode data = JsonRpcShape.object();
            ArrayNode supported = data.putArray("supported");
            STATELESS_VERSIONS.stream().sorted().forEach(supported::add);
            data.put("requested", header);
            throw new RejectedException(
                    Status.BAD_REQUEST_400,
                    JsonRpcShape.error(
                            id,
                            UNSUPPORTED_VERSION,
                            "Unsupported protocol version '" + header + "'; this proxy serves " + supported
                                    + " per request, and "
                                    + HANDSHAKE_VERSIONS.stream().sorted().toList()
                                    + " after an initialize request",
                            data));
        }
        if (!meta.path(META_CAPABILITIES).isObject()) {
            throw invalidParams(
                    id,
                    "params._meta must carry \"" + META_CAPABILITIES + "\" (an empty object when"
                            + " the client has none)");
        }
    }

    private static void checkHeader(ServerRequestHeaders headers, HeaderName name, String bodyValue, JsonNode id) {
        String header = headers.first(name).orElse(null);
        if (header == null) {
            throw mismatch(
                    id,
                    "the " + name.defaultCase() + " header is missing; it must repeat the body's value '" + bodyValue
                            + "'");
        }
        String decoded = decode(header);
        if (!bodyValue.equals(decoded)) {
            throw mismatch(
                    id,
                    name.defaultCase() + " header value '" + header + "' does not match body value '" + bodyValue
                            + "'");
        }
    }

    /** A header value in the {@code =?base64?...?=} form decoded, any other value as is; null when malformed. */
    static String decode(String header) {
        if (!header.startsWith(BASE64_PREFIX)
                || !header.endsWith(BASE64_SUFFIX)
                || header.length() < BASE64_PREFIX.length() + BASE64_SUFFIX.length()) {
            return header;
        }
        String encoded = header.substring(BASE64_PREFIX.length(), header.length() - BASE64_SUFFIX.length());
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The client's name and version as it gives them on the request, or "" when it gives none. */
    private static String identity(JsonNode message) {
        JsonNode client = message.path("params").path("_meta").path(META_CLIENT);
        if (!client.isObject()) {
            return "";
        }
        return client.path("name").asText("") + " " + client.path("version").asText("");
    }

    private static RejectedException mismatch(JsonNode id, String detail) {
        return new RejectedException(
                Status.BAD_REQUEST_400, JsonRpcShape.error(id, HEADER_MISMATCH, "Header mismatch: " + detail));
    }

    private static RejectedException invalidParams(JsonNode id, String detail) {
        return new RejectedException(
                Status.BAD_REQUEST_400, JsonRpcShape.error(id, -32602, "Invalid params: " + detail));
    }

    private static RejectedException invalid(JsonNode id, String detail) {
        return new RejectedException(Status.BAD_REQUEST_400, JsonRpcShape.error(id, -32600, detail));
    }
}
