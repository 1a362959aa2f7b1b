package dev.patchworkmcp.proxy.relay;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The few text edits that move a message between the eras, made by splicing at the offsets {@link JsonRpcPeek}
 * found, so everything else in the message stays byte for byte as sent; and the modern-era error the proxy
 * answers itself. Stateless and thread-safe.
 */
public final class EraText {

    /** What a modern result the proxy makes or completes says about caching: fresh never, never shared. */
    static final String CACHE_FIELDS = "\"ttlMs\":0,\"cacheScope\":\"private\"";

    private static final List<String> CACHEABLE = List.of(
            "tools/list",
            "prompts/list",
            "resources/list",
            "resources/templates/list",
            "resources/read",
            "server/discover");

    private EraText() {}

    /** Whether results of this method are {@code CacheableResult}s in 2026-07-28 (need ttlMs and cacheScope). */
    public static boolean isCacheable(String method) {
        return CACHEABLE.contains(method);
    }

    /**
     * A result of a legacy upstream, completed for a modern client: {@code resultType: "complete"} and, for the
     * cacheable methods, {@code ttlMs: 0} and {@code cacheScope: "private"}. Errors, and results that carry a
     * {@code resultType} already, are returned unchanged.
     */
    public static String completeResult(String message, EraMarks marks, String method) {
        if (marks.resultStart() < 0 || marks.resultType() != null) {
            return message;
        }
        String members = "\"resultType\":\"complete\"" + (isCacheable(method) ? "," + CACHE_FIELDS : "");
        return insertMembers(message, marks.resultStart(), members);
    }

    /**
     * A request with the given {@code _meta} members (JSON text, {@code "key":value,...}) added: into its
     * {@code params._meta}, a new {@code _meta} in its {@code params}, or new {@code params}.
     */
    public static String withMeta(String request, EraMarks marks, String metaMembers) {
        if (marks.metaStart() >= 0) {
            return insertMembers(request, marks.metaStart(), metaMembers);
        }
        if (marks.paramsStart() >= 0) {
            return insertMembers(request, marks.paramsStart(), "\"_meta\":{" + metaMembers + "}");
        }
        return insertMembers(request, request.indexOf('{'), "\"params\":{\"_meta\":{" + metaMembers + "}}");
    }

    /** The 2026-07-28 {@code UnsupportedProtocolVersionError} for a request naming an unknown version. */
    public static String unsupportedVersion(String id, String requested) {
        String supported =
                ProtocolEra.SUPPORTED_VERSIONS.stream().map(JsonRpcPeek::quote).collect(Collectors.joining(","));
        return error(
                id,
                ProtocolEra.UNSUPPORTED_PROTOCOL_VERSION,
                "Unsupported protocol version " + JsonRpcPeek.quote(requested) + ": this server supports "
                        + String.join(" and ", ProtocolEra.SUPPORTED_VERSIONS)
                        + "; send the request again with one of them",
                "{\"supported\":[" + supported + "],\"requested\":" + JsonRpcPeek.quote(requested) + "}");
    }

    /** A JSON-RPC error response; {@code data} is JSON text or null. */
    public static String error(String id, int code, String message, String data) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":" + code + ",\"message\":"
                + JsonRpcPeek.quote(message) + (data == null ? "" : ",\"data\":" + data) + "}}";
    }

    /** A JSON-RPC result response around a result's JSON text. */
    public static String result(String id, String result) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}";
    }

    /** Inserts members right after the opening brace at {@code brace}, with a comma unless the object is empty. */
    static String insertMembers(String text, int brace, String members) {
        int next = brace + 1;
        while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
            next++;
        }
        boolean empty = next < text.length() && text.charAt(next) == '}';
        return text.substring(0, brace + 1) + members + (empty ? "" : ",") + text.substring(brace + 1);
    }
}
