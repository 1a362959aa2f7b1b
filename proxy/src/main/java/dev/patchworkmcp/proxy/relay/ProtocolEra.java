package dev.patchworkmcp.proxy.relay;

import java.util.List;

/**
 * The two eras of MCP: {@link #LEGACY} revisions (2025-11-25 and older) open a session with {@code initialize};
 * {@link #MODERN} revisions (2026-07-28 and newer) have no handshake, and every request names its version,
 * client and capabilities in {@code params._meta}. Also the {@code _meta} keys and error codes of the modern era
 * the proxy reads and writes.
 */
public enum ProtocolEra {
    LEGACY,
    MODERN;

    public static final String PROTOCOL_VERSION_KEY = "io.modelcontextprotocol/protocolVersion";
    public static final String CLIENT_INFO_KEY = "io.modelcontextprotocol/clientInfo";
    public static final String CLIENT_CAPABILITIES_KEY = "io.modelcontextprotocol/clientCapabilities";
    public static final String SERVER_INFO_KEY = "io.modelcontextprotocol/serverInfo";
    public static final String LOG_LEVEL_KEY = "io.modelcontextprotocol/logLevel";

    /** The modern revisions the proxy knows, newest first. */
    public static final List<String> MODERN_VERSIONS = List.of("2026-07-28");

    /** The newest legacy revision: what the proxy speaks to a legacy upstream for a modern client. */
    public static final String NEWEST_LEGACY_VERSION = "2025-11-25";

    /** What the proxy itself serves, for {@code UnsupportedProtocolVersionError.data.supported}. */
    public static final List<String> SUPPORTED_VERSIONS = List.of("2026-07-28", NEWEST_LEGACY_VERSION);

    /** JSON-RPC error code of {@code UnsupportedProtocolVersionError} (2026-07-28). */
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    /** The era of a request: modern when its {@code _meta} names a protocol version (any, even unknown). */
    public static ProtocolEra of(MessageSummary request) {
        return request.protocolVersion() != null ? MODERN : LEGACY;
    }

    /** Whether a version named in {@code _meta} is a modern revision the proxy serves. */
    public static boolean isKnownModern(String protocolVersion) {
        return MODERN_VERSIONS.contains(protocolVersion);
    }

    /** Whether an upstream error names a modern-era refusal (so the upstream is modern, not legacy). */
    public static boolean isModernError(int code) {
        return code <= -32020 && code >= -32099;
    }
}
