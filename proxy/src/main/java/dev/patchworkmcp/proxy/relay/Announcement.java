package dev.patchworkmcp.proxy.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a server says about itself, in either era: the result of {@code initialize} (legacy) or of
 * {@code server/discover} (modern). Adds what the feedback tool needs to both (a {@code tools} capability and the
 * sentence naming the tool in {@code instructions}), and converts one into the other for the era bridges.
 * Stateless and thread-safe.
 */
final class Announcement {

    private Announcement() {}

    /**
     * Advertises tools and appends {@code sentence} to the instructions, in place.
     *
     * @return whether the server advertised tools itself
     */
    static boolean announce(ObjectNode result, String sentence) {
        ObjectNode capabilities = result.path("capabilities") instanceof ObjectNode existing
                ? existing
                : result.putObject("capabilities");
        boolean hadTools = capabilities.has("tools");
        if (!hadTools) {
            capabilities.putObject("tools");
        }
        String instructions = result.path("instructions").asText("");
        result.put(
                "instructions", instructions.isBlank() ? sentence : instructions.stripTrailing() + "\n\n" + sentence);
        return hadTools;
    }

    /** A {@code DiscoverResult} (2026-07-28) built from a legacy upstream's {@code InitializeResult}. */
    static ObjectNode discoverFrom(JsonNode initialize, String modernVersion, ObjectMapper json) {
        ObjectNode discover = json.createObjectNode();
        discover.put("resultType", "complete");
        discover.putArray("supportedVersions").add(modernVersion);
        discover.set("capabilities", initialize.path("capabilities").deepCopy());
        if (initialize.hasNonNull("instructions")) {
            discover.set("instructions", initialize.get("instructions"));
        }
        if (initialize.path("serverInfo").isObject()) {
            discover.putObject("_meta").set(ProtocolEra.SERVER_INFO_KEY, initialize.get("serverInfo"));
        }
        discover.put("ttlMs", 0);
        discover.put("cacheScope", "private");
        return discover;
    }

    /** An {@code InitializeResult} (legacy) built from a modern upstream's {@code DiscoverResult}. */
    static ObjectNode initializeFrom(JsonNode discover, String legacyVersion, String serverName, ObjectMapper json) {
        ObjectNode initialize = json.createObjectNode();
        initialize.put("protocolVersion", legacyVersion);
        initialize.set("capabilities", discover.path("capabilities").deepCopy());
        JsonNode serverInfo = discover.path("_meta").path(ProtocolEra.SERVER_INFO_KEY);
        if (serverInfo.isObject()) {
            initialize.set("serverInfo", serverInfo);
        } else {
            initialize.putObject("serverInfo").put("name", serverName).put("version", "unknown");
        }
        if (discover.hasNonNull("instructions")) {
            initialize.set("instructions", discover.get("instructions"));
        }
        return initialize;
    }

    /** The first of the upstream's {@code supportedVersions} the proxy knows as modern, or null. */
    static String modernVersionOf(JsonNode discover) {
        for (JsonNode version : discover.path("supportedVersions")) {
            if (ProtocolEra.isKnownModern(version.asText())) {
                return version.asText();
            }
        }
        return null;
    }
}
