package dev.patchworkmcp.proxy.wrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The two shapes client configs come in: {@code "mcpServers": {name: entry}} (Claude Desktop, Claude Code, Cursor)
 * and VS Code's {@code "servers": {name: entry}} where every entry carries a {@code type}.
 */
public enum ConfigFormat {
    MCP_SERVERS,
    VSCODE;

    /** A map of server entries inside a config: where it sits (for messages), its keys from the top, its entries. */
    public record ServerMap(String location, List<String> path, ObjectNode servers) {
        public ServerMap {
            path = List.copyOf(path);
        }
    }

    /** Whether entries must say {@code "type"} ({@code stdio}, {@code http}, {@code sse}). */
    public boolean requiresType() {
        return this == VSCODE;
    }

    /** Guesses the format of a file given with {@code --config} and no {@code --client}. */
    public static ConfigFormat detect(ObjectNode root) {
        boolean vscode = root.path("servers").isObject()
                || root.path("mcp").path("servers").isObject()
                || root.has("inputs");
        return vscode && !root.has("mcpServers") ? VSCODE : MCP_SERVERS;
    }

    /**
     * Every server map in the config. Claude Code's {@code ~/.claude.json} keeps user servers at the top and
     * per-project servers under {@code projects.<path>.mcpServers}; VS Code settings may nest them under {@code mcp}.
     */
    public List<ServerMap> serverMaps(ObjectNode root) {
        List<ServerMap> maps = new ArrayList<>();
        if (this == VSCODE) {
            addIfObject(maps, "servers", List.of("servers"), root.get("servers"));
            addIfObject(
                    maps,
                    "mcp.servers",
                    List.of("mcp", "servers"),
                    root.path("mcp").get("servers"));
            return maps;
        }
        addIfObject(maps, "mcpServers", List.of("mcpServers"), root.get("mcpServers"));
        if (root.get("projects") instanceof ObjectNode projects) {
            for (Map.Entry<String, JsonNode> project : projects.properties()) {
                addIfObject(
                        maps,
                        "projects[" + project.getKey() + "].mcpServers",
                        List.of("projects", project.getKey(), "mcpServers"),
                        project.getValue().get("mcpServers"));
            }
        }
        return maps;
    }

    private static void addIfObject(List<ServerMap> maps, String location, List<String> path, JsonNode node) {
        if (node instanceof ObjectNode servers) {
            maps.add(new ServerMap(location, path, servers));
        }
    }
}
