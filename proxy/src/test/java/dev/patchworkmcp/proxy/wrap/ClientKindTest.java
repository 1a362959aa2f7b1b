package dev.patchworkmcp.proxy.wrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchworkmcp.commandline.UsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientKindTest {
    static final Platform MAC = new Platform(Platform.Os.MAC, "/Users/ana", Map.of(), "/Users/ana/app");
    static final Platform WINDOWS = new Platform(
            Platform.Os.WINDOWS,
            "C:\\Users\\Ana Lopez",
            Map.of("APPDATA", "C:\\Users\\Ana Lopez\\AppData\\Roaming"),
            "D:\\work\\app");
    static final Platform LINUX = new Platform(Platform.Os.LINUX, "/home/ana", Map.of(), "/home/ana/app");

    @Test
    void claudeDesktopLivesInEachSystemsApplicationDataDirectory() {
        assertThat(paths(ClientKind.CLAUDE_DESKTOP, MAC))
                .containsExactly("/Users/ana/Library/Application Support/Claude/claude_desktop_config.json");
        assertThat(paths(ClientKind.CLAUDE_DESKTOP, WINDOWS))
                .containsExactly("C:\\Users\\Ana Lopez\\AppData\\Roaming\\Claude\\claude_desktop_config.json");
        assertThat(paths(ClientKind.CLAUDE_DESKTOP, LINUX))
                .containsExactly("/home/ana/.config/Claude/claude_desktop_config.json");
    }

    @Test
    void linuxHonoursXdgConfigHome() {
        Platform xdg = new Platform(Platform.Os.LINUX, "/home/ana", Map.of("XDG_CONFIG_HOME", "/cfg"), "/w");

        assertThat(paths(ClientKind.CLAUDE_DESKTOP, xdg)).containsExactly("/cfg/Claude/claude_desktop_config.json");
        assertThat(paths(ClientKind.VSCODE, xdg)).containsExactly("/w/.vscode/mcp.json", "/cfg/Code/User/mcp.json");
    }

    @Test
    void windowsWithoutAppDataFallsBackToTheRoamingProfile() {
        Platform bare = new Platform(Platform.Os.WINDOWS, "C:\\Users\\bo", Map.of(), "C:\\w");

        assertThat(paths(ClientKind.CLAUDE_DESKTOP, bare))
                .containsExactly("C:\\Users\\bo\\AppData\\Roaming\\Claude\\claude_desktop_config.json");
    }

    @Test
    void claudeCodePrefersTheProjectsMcpJsonThenTheUserFile() {
        assertThat(paths(ClientKind.CLAUDE_CODE, MAC))
                .containsExactly("/Users/ana/app/.mcp.json", "/Users/ana/.claude.json");
        assertThat(paths(ClientKind.CLAUDE_CODE, WINDOWS))
                .containsExactly("D:\\work\\app\\.mcp.json", "C:\\Users\\Ana Lopez\\.claude.json");
    }

    @Test
    void claudeCodeHonoursClaudeConfigDir() {
        Platform custom =
                new Platform(Platform.Os.LINUX, "/home/ana", Map.of("CLAUDE_CONFIG_DIR", "/etc/claude"), "/w");

        assertThat(paths(ClientKind.CLAUDE_CODE, custom))
                .containsExactly("/w/.mcp.json", "/etc/claude/.claude.json", "/home/ana/.claude.json");
    }

    @Test
    void cursorAndVsCodeHaveProjectAndUserFiles() {
        assertThat(paths(ClientKind.CURSOR, WINDOWS))
                .containsExactly("D:\\work\\app\\.cursor\\mcp.json", "C:\\Users\\Ana Lopez\\.cursor\\mcp.json");
        assertThat(paths(ClientKind.VSCODE, MAC))
                .containsExactly(
                        "/Users/ana/app/.vscode/mcp.json", "/Users/ana/Library/Application Support/Code/User/mcp.json");
        assertThat(paths(ClientKind.VSCODE, WINDOWS))
                .containsExactly(
                        "D:\\work\\app\\.vscode\\mcp.json",
                        "C:\\Users\\Ana Lopez\\AppData\\Roaming\\Code\\User\\mcp.json");
    }

    @Test
    void vsCodeUsesTheServersFormatAndTheOthersMcpServers() {
        assertThat(ClientKind.VSCODE.format()).isEqualTo(ConfigFormat.VSCODE);
        assertThat(List.of(ClientKind.CLAUDE_DESKTOP, ClientKind.CLAUDE_CODE, ClientKind.CURSOR))
                .allSatisfy(client -> assertThat(client.format()).isEqualTo(ConfigFormat.MCP_SERVERS));
    }

    @Test
    void anUnknownClientNamesTheKnownOnes() {
        assertThatThrownBy(() -> ClientKind.fromId("zed"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("claude-desktop, claude-code, cursor, vscode");
    }

    private static List<String> paths(ClientKind client, Platform platform) {
        return client.configCandidates(platform).stream().map(Path::toString).toList();
    }
}
