package dev.patchworkmcp.proxy.wrap;

import dev.patchworkmcp.commandline.UsageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The MCP clients whose configs {@code patchwork wrap} knows: where each keeps its servers, and in which shape. */
public enum ClientKind {
    CLAUDE_DESKTOP("claude-desktop", "Claude Desktop", ConfigFormat.MCP_SERVERS),
    CLAUDE_CODE("claude-code", "Claude Code", ConfigFormat.MCP_SERVERS),
    CURSOR("cursor", "Cursor", ConfigFormat.MCP_SERVERS),
    VSCODE("vscode", "VS Code", ConfigFormat.VSCODE);

    private final String id;
    private final String displayName;
    private final ConfigFormat format;

    ClientKind(String id, String displayName, ConfigFormat format) {
        this.id = id;
        this.displayName = displayName;
        this.format = format;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public ConfigFormat format() {
        return format;
    }

    /** The client named on the command line ({@code claude-desktop}, ...). */
    public static ClientKind fromId(String id) {
        return Arrays.stream(values())
                .filter(client -> client.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new UsageException("unknown client '" + id + "'; use one of: " + ids()));
    }

    public static String ids() {
        return Arrays.stream(values()).map(ClientKind::id).collect(Collectors.joining(", "));
    }

    /**
     * The config files this client reads on the platform, the project-level one (relative to the working
     * directory) first, then the user-level one. The first that exists is the one to rewrite.
     */
    public List<Path> configCandidates(Platform platform) {
        String home = platform.home();
        String cwd = platform.workingDirectory();
        List<Path> candidates = new ArrayList<>();
        switch (this) {
            case CLAUDE_DESKTOP ->
                candidates.add(platform.path(platform.appData(), "Claude", "claude_desktop_config.json"));
            case CLAUDE_CODE -> {
                candidates.add(platform.path(cwd, ".mcp.json"));
                String configDir = platform.env().get("CLAUDE_CONFIG_DIR");
                if (configDir != null && !configDir.isBlank()) {
                    candidates.add(platform.path(configDir, ".claude.json"));
                }
                candidates.add(platform.path(home, ".claude.json"));
            }
            case CURSOR -> {
                candidates.add(platform.path(cwd, ".cursor", "mcp.json"));
                candidates.add(platform.path(home, ".cursor", "mcp.json"));
            }
            case VSCODE -> {
                candidates.add(platform.path(cwd, ".vscode", "mcp.json"));
                candidates.add(platform.path(platform.appData(), "Code", "User", "mcp.json"));
            }
        }
        return List.copyOf(candidates);
    }
}
