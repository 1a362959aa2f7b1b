package dev.patchworkmcp.sidecar.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * MCP 2026-07-28 on top of the SDK's stateless server, which speaks the 2025 era (the MCP Java SDK release this
 * build uses has no 2026-07-28 server). A request is of the new era when its {@code params._meta} names a protocol
 * version, or when it is {@code server/discover}. Such a request is checked (a version this server speaks, the
 * {@code MCP-Protocol-Version}, {@code Mcp-Method} and {@code Mcp-Name} headers matching the body), {@code
 * server/discover} is answered here, and every other result gets what the new era requires: {@code resultType},
 * the server's identity in {@code _meta}, and cache hints on {@code tools/list}. The tools themselves run unchanged
 * in the SDK, which needs no handshake in stateless mode. Immutable, so thread-safe.
 */
final class ModernEra {
    static final String VERSION = "2026-07-28";
    static final String DISCOVER = "server/discover";
    static final int HEADER_MISMATCH = -32020;
    static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;
    private static final String PROTOCOL_VERSION_KEY = "io.modelcontextprotocol/protocolVersion";
    private static final String SERVER_INFO_KEY = "io.modelcontextprotocol/serverInfo";
    private static final Set<String> NAMED_METHODS = Set.of("tools/call", "resources/read", "prompts/get");
    /** The triage tools are fixed for the life of a sidecar; an hour of caching costs nothing. */
    private static final long TTL_MS = 3_600_000;

    private final McpJsonMapper json;
    private final McpSchema.Implementation serverInfo;
    private final String instructions;

    ModernEra(McpJsonMapper json, McpSchema.Implementation serverInfo, String instructions) {
        this.json = json;
        this.serverInfo = serverInfo;
        this.instructions = instructions;
    }

    /** Whether the request is of the 2026-07-28 era. */
    static boolean claims(McpSchema.JSONRPCRequest request) {
        return request.method().equals(DISCOVER) || meta(request).containsKey(PROTOCOL_VERSION_KEY);
    }

    /**
     * Checks the version and the request headers the new era requires ({@code header} reads one by name), with the
     * errors and HTTP 400 the specification names.
     */
    void check(McpSchema.JSONRPCRequest request, Function<String, Optional<String>> header) {
        Object version = meta(request).get(PROTOCOL_VERSION_KEY);
        if (version == null) {
            throw MalformedMessageException.invalidParams(
                    request.id(), "params._meta['" + PROTOCOL_VERSION_KEY + "'] is required");
        }
        if (!VERSION.equals(version)) {
            throw MalformedMessageException.modern(
                    request.id(),
                    UNSUPPORTED_PROTOCOL_VERSION,
                    "Unsupported protocol version " + version + "; this server speaks " + VERSION
                            + " and, with the initialize handshake, 2025-11-25",
                    Map.of("supported", List.of(VERSION), "requested", String.valueOf(version)));
        }
        expectHeader(request, header, "MCP-Protocol-Version", VERSION);
        expectHeader(request, header, "Mcp-Method", request.method());
        if (NAMED_METHODS.contains(request.method()) && request.params() instanceof Map<?, ?> params) {
            Object name = params.get(request.method().equals("resources/read") ? "uri" : "name");
            expectHeader(request, header, "Mcp-Name", String.valueOf(name));
        }
    }

    private static void expectHeader(
            McpSchema.JSONRPCRequest request, Function<String, Optional<String>> header, String name, String body) {
        Optional<String> value = header.apply(name).map(ModernEra::decoded);
        if (value.isEmpty()) {
            throw MalformedMessageException.modern(
                    request.id(), HEADER_MISMATCH, "Header mismatch: the " + name + " header is missing", null);
        }
        if (!value.get().equals(body)) {
            throw MalformedMessageException.modern(
                    request.id(),
                    HEADER_MISMATCH,
                    "Header mismatch: " + name + " header value '" + value.get() + "' does not match body value '"
                            + body + "'",
                    null);
        }
    }

    /** Header values that are not plain ASCII travel as {@code =?base64?...?=}. */
    private static String decoded(String value) {
        if (value.startsWith("=?base64?") && value.endsWith("?=") && value.length() >= 11) {
            try {
                return new String(
                        Base64.getDecoder().decode(value.substring(9, value.length() - 2)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return value;
            }
        }
        return value;
    }

    /** The {@code server/discover} result. */
    Map<String, Object> discover() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("supportedVersions", List.of(VERSION));
        result.put("capabilities", Map.of("tools", Map.of()));
        result.put("instructions", instructions);
        result.put("ttlMs", TTL_MS);
        result.put("cacheScope", "private");
        return complete(result);
    }

    /** A result of the SDK as the new era shapes it. */
    Map<String, Object> stamp(String method, Object sdkResult) {
        Map<String, Object> result =
                new LinkedHashMap<>(json.convertValue(sdkResult, new TypeRef<Map<String, Object>>() {}));
        if (method.equals("tools/list")) {
            result.put("ttlMs", TTL_MS);
            result.put("cacheScope", "private");
        }
        return complete(result);
    }

    private Map<String, Object> complete(Map<String, Object> result) {
        result.put("resultType", "complete");
        Map<String, Object> meta = new LinkedHashMap<>();
        if (result.get("_meta") instanceof Map<?, ?> existing) {
            existing.forEach((key, value) -> meta.put(String.valueOf(key), value));
        }
        meta.put(SERVER_INFO_KEY, Map.of("name", serverInfo.name(), "version", serverInfo.version()));
        result.put("_meta", meta);
        return result;
    }

    private static Map<?, ?> meta(McpSchema.JSONRPCRequest request) {
        return request.params() instanceof Map<?, ?> params && params.get("_meta") instanceof Map<?, ?> meta
                ? meta
                : Map.of();
    }
}
