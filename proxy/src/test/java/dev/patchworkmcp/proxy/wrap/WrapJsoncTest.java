package dev.patchworkmcp.proxy.wrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rewrites edit entries in place: comments, trailing commas and layout survive, and unwrap is byte-exact. */
class WrapJsoncTest {
    private static final String WINDOWS_LAUNCHER = "C:\\Users\\Ana Lopez\\patchwork mcp\\patchwork.cmd";

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    @Test
    void commentsAndTrailingCommasOfAVsCodeConfigSurviveWrapping() throws IOException {
        Path config = WrapCommandTest.copy("vscode-hand-written.jsonc", dir.resolve("mcp.json"));

        Result result = run(WrapCommandTest.LAUNCHER, "--client", "vscode", "--config", config.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.err()).doesNotContain("had comments");
        String text = Files.readString(config);
        assertThat(text)
                .startsWith("// Workspace MCP servers, edited by hand.\n{\n  /* Inputs are asked for once\n")
                .contains(
                        "{\"type\": \"promptString\", \"id\": \"token\", \"password\": true}, // trailing comment\n  ],")
                .contains("    // The one everybody uses.\n    \"fetch\": {\n")
                .contains(", /* one line */\n")
                .endsWith("    },\n  },\n}\n");
        JsonNode servers = WrapCommandTest.LENIENT.readTree(text).path("servers");
        assertThat(servers.path("fetch").path("command").asText()).isEqualTo(WrapCommandTest.LAUNCHER);
        assertThat(WrapCommandTest.texts(servers.path("memory").path("args")))
                .containsExactly("proxy", "--name", "memory", "--", "npx", "-y", "@modelcontextprotocol/server-memory");
        assertThat(WrapCommandTest.texts(servers.path("remote").path("args")))
                .contains("--url", "https://example.com/mcp", "Authorization=PATCHWORK_HEADER_AUTHORIZATION");
        assertThat(servers.path("remote")
                        .path("env")
                        .path("PATCHWORK_HEADER_AUTHORIZATION")
                        .asText())
                .isEqualTo("Bearer ${input:token}");
    }

    @Test
    void unwrapGivesBackTheOriginalBytesOfAHandWrittenFile() throws IOException {
        Path config = WrapCommandTest.copy("vscode-hand-written.jsonc", dir.resolve("mcp.json"));
        byte[] original = Files.readAllBytes(config);

        Result wrapped = run(WrapCommandTest.LAUNCHER, "--client", "vscode", "--config", config.toString());
        Result unwrapped =
                run(WrapCommandTest.LAUNCHER, "--client", "vscode", "--config", config.toString(), "--unwrap");

        assertThat(wrapped.code()).as(wrapped.err()).isZero();
        assertThat(unwrapped.code()).as(unwrapped.err()).isZero();
        assertThat(Files.readString(config)).isEqualTo(new String(original, StandardCharsets.UTF_8));
        assertThat(Files.readAllBytes(config)).isEqualTo(original);
    }

    @Test
    void onlyTheChangedEntryIsRewrittenAndEveryOtherByteIsKept() throws IOException {
        Path config = WrapCommandTest.copy("vscode-hand-written.jsonc", dir.resolve("mcp.json"));
        String original = Files.readString(config);
        String memory = "{\"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-memory\"]}";
        int at = original.indexOf(memory);

        run(WrapCommandTest.LAUNCHER, "--client", "vscode", "--config", config.toString(), "--only", "memory");

        String text = Files.readString(config);
        String after = original.substring(at + memory.length());
        assertThat(text).startsWith(original.substring(0, at)).endsWith(after);
        assertThat(text.substring(at, text.length() - after.length()))
                .contains(WrapCommandTest.LAUNCHER)
                .contains("\"original_text\": " + quoted(memory));
    }

    @Test
    void vsCodeUserSettingsKeepTheirCommentsAroundTheMcpSection() throws IOException {
        String settings = """
                {
                    // Editor
                    "editor.fontSize": 14,
                    "mcp": {
                        "servers": {
                            "time": {
                                "command": "uvx",
                                "args": [
                                    "mcp-server-time"
                                ]
                            }
                        }, // end of servers
                    },
                }
                """;
        Path config = Files.writeString(dir.resolve("settings.json"), settings);

        run(WrapCommandTest.LAUNCHER, "--client", "vscode", "--config", config.toString());
        String wrapped = Files.readString(config);
        run(WrapCommandTest.LAUNCHER, "--client", "vscode", "--config", config.toString(), "--unwrap");

        assertThat(wrapped)
                .contains("    // Editor\n    \"editor.fontSize\": 14,\n")
                .contains("        }, // end of servers\n    },\n}\n")
                .contains("                \"command\": \"" + WrapCommandTest.LAUNCHER + "\",\n")
                .doesNotContain("original_text");
        assertThat(Files.readString(config)).isEqualTo(settings);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"claude-desktop, mcpServers", "claude-code, mcpServers", "cursor, mcpServers", "vscode, servers"})
    void windowsPathsWithSpacesRoundTripForEveryClient(String client, String serversKey) throws IOException {
        String original = """
                {
                  "%s": {
                    "files": {
                      "command": "C:\\\\Program Files\\\\nodejs\\\\npx.cmd",
                      "args": ["-y", "@modelcontextprotocol/server-filesystem", "C:\\\\Users\\\\Ana Lopez\\\\My Files\\\\"],
                      "env": {"APPDATA": "C:\\\\Users\\\\Ana Lopez\\\\AppData\\\\Roaming"}
                    }
                  }
                }
                """.formatted(serversKey);
        Path config = Files.writeString(dir.resolve(client + ".json"), original);

        Result wrapped = run(WINDOWS_LAUNCHER, "--client", client, "--config", config.toString());
        JsonNode files = WrapCommandTest.LENIENT
                .readTree(Files.readString(config))
                .path(serversKey)
                .path("files");
        Result again = run(WINDOWS_LAUNCHER, "--client", client, "--config", config.toString());
        Result unwrapped = run(WINDOWS_LAUNCHER, "--client", client, "--config", config.toString(), "--unwrap");

        assertThat(wrapped.code()).as(wrapped.err()).isZero();
        assertThat(files.path("command").asText()).isEqualTo(WINDOWS_LAUNCHER);
        assertThat(WrapCommandTest.texts(files.path("args")))
                .containsExactly(
                        "proxy",
                        "--name",
                        "files",
                        "--",
                        "C:\\Program Files\\nodejs\\npx.cmd",
                        "-y",
                        "@modelcontextprotocol/server-filesystem",
                        "C:\\Users\\Ana Lopez\\My Files\\");
        assertThat(files.path("env").path("APPDATA").asText()).isEqualTo("C:\\Users\\Ana Lopez\\AppData\\Roaming");
        assertThat(again.out()).contains("already runs through the proxy");
        assertThat(unwrapped.code()).as(unwrapped.err()).isZero();
        assertThat(Files.readString(config)).isEqualTo(original);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Result run(String launcher, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Platform nowhere = new Platform(Platform.Os.LINUX, dir.resolve("nohome").toString(), Map.of(), dir.toString());
        List<String> all = new ArrayList<>(List.of("--launcher", launcher));
        all.addAll(List.of(args));
        int code = new WrapCommand(
                        nowhere,
                        Clock.fixed(Instant.parse("2026-11-26T10:15:00Z"), ZoneOffset.UTC),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(all);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
