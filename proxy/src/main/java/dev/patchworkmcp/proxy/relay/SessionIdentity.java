package dev.patchworkmcp.proxy.relay;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Who talks on one connection, as far as reports and the proxy's own answers need it: the client's name, version
 * and protocol version, from its {@code initialize} (legacy; the request is kept as text and parsed only when
 * needed, off the relay's path) or from the {@code _meta} of the request at hand (modern); and the upstream's
 * {@code serverInfo}, from whichever answer announced it. Thread-safe.
 */
final class SessionIdentity {

    /** The client as one request shows it; fields it did not send are null. */
    record Client(String name, String version, String protocolVersion) {}

    private final SessionSettings settings;
    private volatile String clientInitialize;
    private volatile Client initialized = new Client(null, null, null);
    private volatile String firstModernRequest;
    private volatile Client modern;
    private volatile String negotiatedVersion;
    private volatile JsonNode serverInfo;

    SessionIdentity(SessionSettings settings) {
        this.settings = settings;
    }

    /** Keeps the client's {@code initialize} request, to read when needed. */
    void initializeSent(String message) {
        clientInitialize = message;
    }

    /**
     * Keeps the first request that names the client in its own {@code _meta}, to read when needed: a modern client
     * that files no report still gets its name on the connection's call records. Later ones cost a volatile read.
     */
    void modernRequestSent(String message) {
        if (modern == null && firstModernRequest == null) {
            firstModernRequest = message;
        }
    }

    /** The upstream's answer to {@code initialize} or {@code server/discover}. */
    void announced(String method, JsonNode result) {
        readInitialize();
        if ("initialize".equals(method)) {
            if (result.hasNonNull("protocolVersion")) {
                negotiatedVersion = result.path("protocolVersion").asText();
            }
            serverInfo(result.path("serverInfo"));
        } else {
            serverInfo(result.path("_meta").path(ProtocolEra.SERVER_INFO_KEY));
        }
    }

    /** The upstream's identity, when it is an object. */
    void serverInfo(JsonNode info) {
        serverInfo = info != null && info.isObject() ? info : null;
    }

    /** The upstream's {@code serverInfo}, or null when it never said. */
    JsonNode serverInfo() {
        return serverInfo;
    }

    /**
     * The client as a request shows it: a modern request names it in its own {@code _meta}; a legacy one relies on
     * the connection's {@code initialize} (and the version the upstream agreed to).
     *
     * @param params the request's {@code params}
     * @param protocolVersion the version its {@code _meta} names, or null for a legacy request
     */
    Client clientOf(JsonNode params, String protocolVersion) {
        if (protocolVersion != null) {
            JsonNode info = params.path("_meta").path(ProtocolEra.CLIENT_INFO_KEY);
            return new Client(textOrNull(info.path("name")), textOrNull(info.path("version")), protocolVersion);
        }
        readInitialize();
        Client client = initialized;
        if (client.name() == null && client.protocolVersion() == null) {
            Client seen = readModern();
            if (seen != null) {
                return seen;
            }
        }
        String version = negotiatedVersion;
        return version == null ? client : new Client(client.name(), client.version(), version);
    }

    private synchronized Client readModern() {
        String message = firstModernRequest;
        if (modern == null && message != null) {
            firstModernRequest = null;
            try {
                JsonNode meta = settings.json().readTree(message).path("params").path("_meta");
                JsonNode info = meta.path(ProtocolEra.CLIENT_INFO_KEY);
                modern = new Client(
                        textOrNull(info.path("name")),
                        textOrNull(info.path("version")),
                        textOrNull(meta.path(ProtocolEra.PROTOCOL_VERSION_KEY)));
            } catch (IOException e) {
                return null;
            }
        }
        return modern;
    }

    private synchronized void readInitialize() {
        String message = clientInitialize;
        if (message == null) {
            return;
        }
        clientInitialize = null;
        JsonNode params;
        try {
            params = settings.json().readTree(message).path("params");
        } catch (IOException e) {
            return;
        }
        initialized = new Client(
                textOrNull(params.path("clientInfo").path("name")),
                textOrNull(params.path("clientInfo").path("version")),
                textOrNull(params.path("protocolVersion")));
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }
}
