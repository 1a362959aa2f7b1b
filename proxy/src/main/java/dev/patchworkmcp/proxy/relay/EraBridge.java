package dev.patchworkmcp.proxy.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Lets a client of one protocol era use an upstream that speaks only the other, on one connection. It stays out
 * of the way until the upstream refuses the client's opening: a {@code server/discover} refused with anything
 * but a modern error means a legacy-only upstream, so the proxy opens it with {@code initialize} on the client's
 * behalf, answers the discover from the result and from then on completes every result for the modern client
 * ({@link Mode#MODERN_CLIENT}); an {@code initialize} refused means a modern-only upstream, so the proxy answers
 * the initialize from the upstream's {@code server/discover} and from then on adds the modern {@code _meta} to
 * every request of the legacy client ({@link Mode#LEGACY_CLIENT}). A modern client that opens with neither (one
 * pinned to a version) has its first request held while the bridge probes the upstream with a discover of its
 * own. What has no counterpart in the other era is answered here or refused with a clear error (see
 * docs/protocol-eras.md). Thread-safe.
 */
final class EraBridge {

    /** Which translation the connection needs. */
    enum Mode {
        /** Both sides speak one era: nothing to translate. */
        NONE,
        /** A modern client, a legacy-only upstream. */
        MODERN_CLIENT,
        /** A legacy client, a modern-only upstream. */
        LEGACY_CLIENT
    }

    private static final System.Logger LOG = System.getLogger(EraBridge.class.getName());
    private static final String MODERN_CLIENT_NOTE =
            "the upstream speaks only MCP before 2026-07-28: translating for a 2026-07-28 client";
    private static final String LEGACY_CLIENT_NOTE =
            "the upstream speaks only MCP 2026-07-28 and newer: translating for an older client";
    private static final String OWN_ID_PREFIX = "\"patchwork-proxy-bridge-";

    private final Consumer<String> toClient;
    private final Consumer<String> toUpstream;
    private final SessionSettings settings;
    private final AtomicInteger ownIds = new AtomicInteger();
    private volatile Mode mode = Mode.NONE;
    private volatile String metaMembers;
    private volatile String logLevel;
    private volatile String discoverAnswer;
    private volatile String upstreamLogLevel;
    private final List<String> held = new ArrayList<>();
    private boolean opened;
    private Opening opening;

    /** What the bridge learnt from the upstream's answer to its opening. */
    record Opened(boolean hadTools, JsonNode serverInfo) {}

    /** What the bridge's own request to the upstream is for. */
    private enum Step {
        /** initialize, to answer a modern client's refused server/discover */
        ANSWER_DISCOVER,
        /** server/discover, to answer a legacy client's refused initialize */
        ANSWER_INITIALIZE,
        /** server/discover, to learn the era of the upstream before a modern client's first request */
        PROBE_DISCOVER,
        /** initialize, when that probe found a legacy upstream */
        PROBE_INITIALIZE
    }

    /**
     * A request the bridge sent and waits for: its step, its id, and the client's request it is for (its id, its
     * params, the upstream's refusal of it; the latter two null for a probe).
     */
    private record Opening(Step step, String ownId, String clientId, JsonNode clientParams, String refusal) {}

    EraBridge(SessionSettings settings, Consumer<String> toClient, Consumer<String> toUpstream) {
        this.settings = settings;
        this.toClient = toClient;
        this.toUpstream = toUpstream;
    }

    Mode mode() {
        return mode;
    }

    /**
     * Takes a client request before it is relayed.
     *
     * @return the text to relay, or null when the bridge answered it
     */
    String onClientRequest(String message, MessageSummary request) {
        return switch (mode) {
            case NONE -> message;
            case MODERN_CLIENT -> {
                String version = request.protocolVersion();
                if (version != null && !ProtocolEra.isKnownModern(version)) {
                    toClient.accept(EraText.unsupportedVersion(request.id(), version));
                    yield null;
                }
                if ("server/discover".equals(request.method())) {
                    toClient.accept(EraText.result(request.id(), discoverAnswer));
                    yield null;
                }
                setLogLevel(request.era().logLevel());
                yield message;
            }
            case LEGACY_CLIENT -> toModern(message, request);
        };
    }

    private String toModern(String message, MessageSummary request) {
        switch (request.method()) {
            case "ping" -> {
                toClient.accept(EraText.result(request.id(), "{}"));
                return null;
            }
            case "logging/setLevel" -> {
                JsonNode level = tree(message).path("params").path("level");
                logLevel = level.isTextual() ? JsonRpcPeek.quote(level.asText()) : null;
                toClient.accept(EraText.result(request.id(), "{}"));
                return null;
            }
            default -> {
                String level = logLevel;
                String members =
                        level == null ? metaMembers : metaMembers + ",\"" + ProtocolEra.LOG_LEVEL_KEY + "\":" + level;
                return EraText.withMeta(message, request.era(), members);
            }
        }
    }

    /**
     * A modern client asks for log messages per request ({@code _meta} {@code logLevel}); a legacy upstream takes
     * one level for the session: sent with {@code logging/setLevel} when it changes (the answer is dropped).
     */
    private void setLogLevel(String level) {
        if (level == null || level.equals(upstreamLogLevel)) {
            return;
        }
        upstreamLogLevel = level;
        toUpstream.accept("{\"jsonrpc\":\"2.0\",\"id\":" + nextId()
                + ",\"method\":\"logging/setLevel\",\"params\":{\"level\":" + JsonRpcPeek.quote(level) + "}}");
    }

    /**
     * Whether a notification of the upstream is relayed: a modern client that never asked for log messages gets
     * none (2026-07-28 servers must not send them unasked; a legacy upstream logs at its own level).
     */
    boolean relaysUpstreamNotification(MessageSummary notification) {
        return mode != Mode.MODERN_CLIENT
                || upstreamLogLevel != null
                || !"notifications/message".equals(notification.method());
    }

    /** Whether a client notification is relayed: the modern era has no handshake notice and no roots notice. */
    boolean relaysNotification(MessageSummary notification) {
        return mode != Mode.LEGACY_CLIENT
                || !("notifications/initialized".equals(notification.method())
                        || "notifications/roots/list_changed".equals(notification.method()));
    }

    /**
     * Takes a request of the upstream to the client that no client request in progress can carry as an
     * {@code input_required} answer. A modern client takes none: the bridge answers {@code ping} itself and
     * refuses the others so that the upstream does not wait for ever.
     *
     * @return whether to relay it to the client
     */
    boolean relaysUpstreamRequest(MessageSummary request) {
        if (mode != Mode.MODERN_CLIENT) {
            return true;
        }
        if ("ping".equals(request.method())) {
            toUpstream.accept(EraText.result(request.id(), "{}"));
        } else {
            toUpstream.accept(EraText.error(
                    request.id(),
                    -32601,
                    "The client speaks MCP 2026-07-28, which takes no server-to-client requests, and no request of "
                            + "the client is in progress to carry '" + request.method() + "' as input_required",
                    null));
        }
        return false;
    }

    /**
     * A result for a modern request, completed with what the modern era requires when the upstream answered it
     * in the legacy way (no {@code resultType}): behind the bridge, or from a legacy upstream that serves requests
     * without a handshake. An absent {@code resultType} means "complete" in 2026-07-28, so this changes no meaning.
     */
    String toClientResult(String message, MessageSummary response, PendingRequest request) {
        if (request.protocolVersion() == null) {
            return message;
        }
        return EraText.completeResult(message, response.era(), request.method());
    }

    /**
     * The upstream refused the client's {@code server/discover} (non-modern error) or {@code initialize}:
     * starts the bridge by asking the upstream in its own era.
     *
     * @return whether the bridge took over (then the refusal is not relayed now)
     */
    synchronized boolean tryOpening(
            String refusal, MessageSummary response, PendingRequest request, String clientMessage) {
        if (mode != Mode.NONE || opening != null || clientMessage == null) {
            return false;
        }
        boolean discover = "server/discover".equals(request.method());
        if (discover && ProtocolEra.isModernError(response.era().errorCode())) {
            return false;
        }
        JsonNode params = tree(clientMessage).path("params");
        String ownId = nextId();
        opening = new Opening(
                discover ? Step.ANSWER_DISCOVER : Step.ANSWER_INITIALIZE, ownId, response.id(), params, refusal);
        if (discover) {
            sendInitialize(ownId, params.path("_meta"));
        } else {
            sendDiscover(ownId, metaMembers(ProtocolEra.MODERN_VERSIONS.getFirst(), params));
        }
        return true;
    }

    /**
     * Takes a client request the relay is about to forward. The first modern request of a connection that
     * opened with neither {@code initialize} nor {@code server/discover} (a client pinned to 2026-07-28) waits
     * while the bridge asks the upstream for its era with a {@code server/discover} of its own, so that a legacy
     * upstream is opened with {@code initialize} first; requests arriving meanwhile wait behind it, in order.
     *
     * @return whether the bridge holds the request (it sends it once the upstream's era is known)
     */
    synchronized boolean holds(String message, MessageSummary request) {
        if (opened) {
            return false;
        }
        if (opening == null) {
            String method = request.method();
            if (request.protocolVersion() == null || "initialize".equals(method) || "server/discover".equals(method)) {
                opened = true;
                return false;
            }
            JsonNode params = tree(message).path("params");
            String ownId = nextId();
            opening = new Opening(Step.PROBE_DISCOVER, ownId, null, params, null);
            sendDiscover(ownId, metaMembers(request.protocolVersion(), params));
        }
        held.add(message);
        return true;
    }

    private String nextId() {
        return OWN_ID_PREFIX + ownIds.incrementAndGet() + "\"";
    }

    private void sendInitialize(String ownId, JsonNode meta) {
        ObjectNode initialize = settings.json().createObjectNode();
        initialize.put("protocolVersion", ProtocolEra.NEWEST_LEGACY_VERSION);
        initialize.set("capabilities", objectOr(meta.path(ProtocolEra.CLIENT_CAPABILITIES_KEY)));
        initialize.set("clientInfo", clientInfoOr(meta.path(ProtocolEra.CLIENT_INFO_KEY)));
        toUpstream.accept(
                "{\"jsonrpc\":\"2.0\",\"id\":" + ownId + ",\"method\":\"initialize\",\"params\":" + initialize + "}");
    }

    private void sendDiscover(String ownId, String metaMembers) {
        toUpstream.accept("{\"jsonrpc\":\"2.0\",\"id\":" + ownId
                + ",\"method\":\"server/discover\",\"params\":{\"_meta\":{" + metaMembers + "}}}");
    }

    /** Sends the requests held during a probe, in order; from now on nothing is held. */
    private void release() {
        opened = true;
        held.forEach(toUpstream);
        held.clear();
    }

    /** Whether a response from the upstream answers a request the bridge sent. */
    boolean owns(MessageSummary response) {
        return response.id() != null && response.id().startsWith(OWN_ID_PREFIX);
    }

    /**
     * The upstream's answer to the bridge's own opening request: answers the client's opening from it, or relays
     * the upstream's first refusal when this failed too.
     *
     * @param sentence the feedback sentence for the instructions
     * @return what the upstream said about itself, or null when the bridge failed
     */
    synchronized Opened onOwnResponse(String message, String sentence) {
        Opening open = opening;
        if (open == null) {
            return null;
        }
        opening = null;
        JsonNode root = tree(message);
        JsonNode result = root.path("result");
        return switch (open.step()) {
            case ANSWER_DISCOVER, ANSWER_INITIALIZE -> answerOpening(open, result, sentence);
            case PROBE_DISCOVER ->
                probed(open, result, root.path("error").path("code").asInt(0));
            case PROBE_INITIALIZE -> probeInitialized(result, sentence);
        };
    }

    private Opened probed(Opening probe, JsonNode result, int errorCode) {
        if (result.isObject()) {
            release();
            JsonNode serverInfo = result.path("_meta").path(ProtocolEra.SERVER_INFO_KEY);
            return new Opened(result.path("capabilities").has("tools"), serverInfo.isObject() ? serverInfo : null);
        }
        if (ProtocolEra.isModernError(errorCode)) {
            release();
            return null;
        }
        String ownId = nextId();
        opening = new Opening(Step.PROBE_INITIALIZE, ownId, null, probe.clientParams(), null);
        sendInitialize(ownId, probe.clientParams().path("_meta"));
        return null;
    }

    private Opened probeInitialized(JsonNode result, String sentence) {
        if (!result.isObject()) {
            release();
            return null;
        }
        toUpstream.accept("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        ObjectNode answer = Announcement.discoverFrom(result, ProtocolEra.MODERN_VERSIONS.getFirst(), settings.json());
        boolean hadTools = Announcement.announce(answer, sentence);
        discoverAnswer = answer.toString();
        mode = Mode.MODERN_CLIENT;
        LOG.log(System.Logger.Level.INFO, MODERN_CLIENT_NOTE);
        release();
        return new Opened(hadTools, result.path("serverInfo").isObject() ? result.get("serverInfo") : null);
    }

    private Opened answerOpening(Opening open, JsonNode result, String sentence) {
        opened = true;
        boolean modernClient = open.step() == Step.ANSWER_DISCOVER;
        if (!result.isObject()) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "the upstream refused the openings of both eras; relaying its first refusal");
            toClient.accept(open.refusal());
            return null;
        }
        ObjectMapper json = settings.json();
        ObjectNode answer;
        JsonNode serverInfo;
        if (modernClient) {
            toUpstream.accept("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            String version = open.clientParams()
                    .path("_meta")
                    .path(ProtocolEra.PROTOCOL_VERSION_KEY)
                    .asText();
            answer = Announcement.discoverFrom(
                    result,
                    ProtocolEra.isKnownModern(version) ? version : ProtocolEra.MODERN_VERSIONS.getFirst(),
                    json);
            serverInfo = result.path("serverInfo").isObject() ? result.get("serverInfo") : null;
        } else {
            String version = Announcement.modernVersionOf(result);
            metaMembers = metaMembers(
                    version != null ? version : ProtocolEra.MODERN_VERSIONS.getFirst(), open.clientParams());
            String legacyVersion =
                    open.clientParams().path("protocolVersion").asText(ProtocolEra.NEWEST_LEGACY_VERSION);
            answer = Announcement.initializeFrom(result, legacyVersion, settings.serverName(), json);
            serverInfo = answer.get("serverInfo");
        }
        boolean hadTools = Announcement.announce(answer, sentence);
        if (modernClient) {
            discoverAnswer = answer.toString();
        }
        mode = modernClient ? Mode.MODERN_CLIENT : Mode.LEGACY_CLIENT;
        LOG.log(System.Logger.Level.INFO, modernClient ? MODERN_CLIENT_NOTE : LEGACY_CLIENT_NOTE);
        toClient.accept(EraText.result(open.clientId(), answer.toString()));
        return new Opened(hadTools, serverInfo);
    }

    /** The modern {@code _meta} members for a legacy client's requests, from its {@code initialize} params. */
    private String metaMembers(String version, JsonNode initializeParams) {
        JsonNode meta = initializeParams.path("_meta");
        JsonNode clientInfo = initializeParams.has("clientInfo")
                ? initializeParams.get("clientInfo")
                : meta.path(ProtocolEra.CLIENT_INFO_KEY);
        JsonNode capabilities = initializeParams.has("capabilities")
                ? initializeParams.get("capabilities")
                : meta.path(ProtocolEra.CLIENT_CAPABILITIES_KEY);
        return "\"" + ProtocolEra.PROTOCOL_VERSION_KEY + "\":" + JsonRpcPeek.quote(version)
                + ",\"" + ProtocolEra.CLIENT_INFO_KEY + "\":" + clientInfoOr(clientInfo)
                + ",\"" + ProtocolEra.CLIENT_CAPABILITIES_KEY + "\":" + objectOr(capabilities);
    }

    private JsonNode objectOr(JsonNode node) {
        return node.isObject() ? node : settings.json().createObjectNode();
    }

    private JsonNode clientInfoOr(JsonNode node) {
        if (node.isObject() && node.path("name").isTextual()) {
            return node;
        }
        return settings.json().createObjectNode().put("name", "unknown").put("version", "unknown");
    }

    private JsonNode tree(String message) {
        try {
            return settings.json().readTree(message);
        } catch (IOException e) {
            return settings.json().missingNode();
        }
    }
}
