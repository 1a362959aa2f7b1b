package dev.patchworkmcp.proxy.wrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WrapCommandTest {
    static final String LAUNCHER = "/opt/patchwork mcp/patchwork";
    static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
        "claude-desktop-macos.json, claude-desktop",
        "claude-desktop-windows.json, claude-desktop",
        "claude-code-project.mcp.json, claude-code",
        "claude-code-user.claude.json, claude-code",
        "cursor.json, cursor",
        "vscode.json, vscode",
        "vscode-with-comments.json, vscode",
        "cursor.json, ''"
    })
    void unwrapRestoresEveryEntryExactlyAfterWrap(String sample, String client) throws IOException {
        Path config = sample(sample);
        byte[] original = Files.readAllBytes(config);
        List<String> clientArgs = client.isEmpty() ? List.of() : List.of("--client", client);

        Result wrapped = run(concat(clientArgs, "--config", config.toString()));
        String afterWrap = Files.readString(config);
        Result unwrapped = run(concat(clientArgs, "--config", config.toString(), "--unwrap"));

        assertThat(wrapped.code()).as(wrapped.err()).isZero();
        assertThat(unwrapped.code()).as(unwrapped.err()).isZero();
        assertThat(afterWrap)
                .isNotEqualTo(new String(original, StandardCharsets.UTF_8))
                .contains(LAUNCHER);
        assertThat(Files.readAllBytes(config)).isEqualTo(original);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "claude-desktop-macos.json, claude-desktop",
        "claude-code-user.claude.json, claude-code",
        "vscode.json, vscode"
    })
    void wrappingTwiceChangesNothing(String sample, String client) throws IOException {
        Path config = sample(sample);
        run("--client", client, "--config", config.toString());
        byte[] once = Files.readAllBytes(config);

        Result second = run("--client", client, "--config", config.toString());

        assertThat(second.code()).isZero();
        assertThat(Files.readAllBytes(config)).isEqualTo(once);
        assertThat(second.out()).contains("already runs through the proxy").contains("Nothing to change.");
        assertThat(backups()).hasSize(1);
    }

    @Test
    void stdioEntryRunsThroughTheLauncherWithItsEnvAndUnknownKeysKept() throws IOException {
        Path config = sample("claude-desktop-macos.json");

        run("--client", "claude-desktop", "--config", config.toString());

        JsonNode root = LENIENT.readTree(config.toFile());
        JsonNode github = root.path("mcpServers").path("github");
        assertThat(github.path("command").asText()).isEqualTo(LAUNCHER);
        assertThat(texts(github.path("args")))
                .containsExactly(
                        "proxy",
                        "--name",
                        "github",
                        "--",
                        "docker",
                        "run",
                        "-i",
                        "--rm",
                        "-e",
                        "GITHUB_PERSONAL_ACCESS_TOKEN",
                        "ghcr.io/github/github-mcp-server");
        assertThat(github.path("env").path("GITHUB_PERSONAL_ACCESS_TOKEN").asText())
                .startsWith("ghp_");
        assertThat(root.path("globalShortcut").asText()).isEqualTo("Cmd+Shift+Space");
        assertThat(root.path("preferences").path("quickEntryShortcut").isNull()).isTrue();
        assertThat(root.path("mcpServers").path("no-args").path("disabled").asBoolean(true))
                .isFalse();
    }

    @Test
    void oddQuotingSurvivesWrapping() throws IOException {
        Path config = sample("claude-desktop-macos.json");

        run("--config", config.toString());

        JsonNode quoting = LENIENT.readTree(config.toFile()).path("mcpServers").path("quoting");
        assertThat(texts(quoting.path("args")))
                .containsExactly(
                        "proxy",
                        "--name",
                        "quoting",
                        "--",
                        "/bin/sh",
                        "-c",
                        "echo \"it's $HOME\" && printf '%s\\n' \"tab\there\"",
                        "ünïcødé ✓",
                        "");
        assertThat(quoting.path("env").path("QUOTE").asText()).isEqualTo("a \"double\" and a 'single'");
    }

    @Test
    void urlEntriesBecomeTheProxysUrlWithOneHeaderFromTheEnvironmentPerHeader() throws IOException {
        Path config = sample("claude-code-project.mcp.json");

        run("--client", "claude-code", "--config", config.toString());

        JsonNode servers = LENIENT.readTree(config.toFile()).path("mcpServers");
        JsonNode api = servers.path("api-server");
        assertThat(api.path("type").asText()).isEqualTo("stdio");
        assertThat(api.has("url")).isFalse();
        assertThat(api.has("headers")).isFalse();
        assertThat(texts(api.path("args")))
                .containsExactly(
                        "proxy",
                        "--name",
                        "api-server",
                        "--url",
                        "${API_BASE_URL:-https://api.example.com}/mcp",
                        "--header-env",
                        "Authorization=PATCHWORK_HEADER_AUTHORIZATION",
                        "--header-env",
                        "X-Team=PATCHWORK_HEADER_X_TEAM");
        assertThat(api.path("env").toString())
                .isEqualTo(
                        "{\"PATCHWORK_HEADER_AUTHORIZATION\":\"Bearer ${API_KEY}\",\"PATCHWORK_HEADER_X_TEAM\":\"core\"}");
        assertThat(texts(servers.path("legacy-events").path("args")))
                .containsExactly(
                        "proxy",
                        "--name",
                        "legacy-events",
                        "--url",
                        "https://events.example.com/sse",
                        "--transport",
                        "sse");
    }

    @Test
    void vsCodeEntriesAllRunAsStdioAndKeepTheirVariables() throws IOException {
        Path config = sample("vscode.json");

        run("--client", "vscode", "--config", config.toString());

        JsonNode root = LENIENT.readTree(config.toFile());
        JsonNode servers = root.path("servers");
        servers.forEach(entry -> assertThat(entry.path("type").asText()).isEqualTo("stdio"));
        assertThat(servers.path("Perplexity")
                        .path("env")
                        .path("PERPLEXITY_API_KEY")
                        .asText())
                .isEqualTo("${input:perplexity-key}");
        assertThat(servers.path("Perplexity").path("envFile").asText()).isEqualTo("${workspaceFolder}/.env");
        assertThat(texts(servers.path("github").path("args")))
                .contains("--header-env", "Authorization=PATCHWORK_HEADER_AUTHORIZATION");
        assertThat(servers.path("github")
                        .path("env")
                        .path("PATCHWORK_HEADER_AUTHORIZATION")
                        .asText())
                .isEqualTo("Bearer ${input:github-token}");
        assertThat(root.path("inputs").get(0).path("id").asText()).isEqualTo("perplexity-key");
        assertThat(Files.readString(config)).startsWith("{\n\t\"inputs\"");
    }

    @Test
    void claudeCodeUserConfigWrapsProjectScopedServersToo() throws IOException {
        Path config = sample("claude-code-user.claude.json");

        Result result = run("--client", "claude-code", "--config", config.toString());

        JsonNode root = LENIENT.readTree(config.toFile());
        JsonNode postgres = root.path("projects")
                .path("/home/ana/work/app")
                .path("mcpServers")
                .path("postgres");
        assertThat(texts(postgres.path("args"))).startsWith("proxy", "--name", "postgres", "--", "npx");
        assertThat(root.path("mcpServers").path("sentry").path("args").get(3).asText())
                .isEqualTo("--url");
        assertThat(root.path("costUsd").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(Files.readString(config)).contains("\"costUsd\": 1.50");
        assertThat(result.out()).contains("postgres (projects[/home/ana/work/app].mcpServers)");
    }

    @Test
    void windowsLayoutKeepsBackslashesCrlfAndFourSpaceIndent() throws IOException {
        Path config = sample("claude-desktop-windows.json");

        run("--client", "claude-desktop", "--config", config.toString());

        String text = Files.readString(config);
        assertThat(text)
                .contains("\r\n    \"mcpServers\": {\r\n        \"sqlite\"")
                .endsWith("}\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n");
        JsonNode sqlite = LENIENT.readTree(text).path("mcpServers").path("sqlite");
        assertThat(texts(sqlite.path("args")))
                .containsExactly(
                        "proxy",
                        "--name",
                        "sqlite",
                        "--",
                        "C:\\Users\\Ana Lopez\\AppData\\Local\\Programs\\uv\\uvx.exe",
                        "mcp-server-sqlite",
                        "--db-path",
                        "C:\\Users\\Ana Lopez\\data\\test.db");
    }

    @Test
    void writesATimestampedBackupEqualToTheOriginalBeforeReplacing() throws IOException {
        Path config = sample("cursor.json");
        byte[] original = Files.readAllBytes(config);

        Result result = run("--client", "cursor", "--config", config.toString());

        Path backup = dir.resolve("cursor.json.patchwork-backup-20261126T101500Z");
        assertThat(backup).exists();
        assertThat(Files.readAllBytes(backup)).isEqualTo(original);
        assertThat(result.out()).contains(backup.toString());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp")))
                    .isEmpty();
        }
    }

    @Test
    void keepsTheFilesPermissions() throws IOException {
        Path config = sample("cursor.json");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));

        run("--config", config.toString());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                .isEqualTo("rw-------");
    }

    @Test
    void writesThroughASymlinkedConfigAndKeepsTheLink() throws IOException {
        Path real = sample("cursor.json");
        Path link = Files.createSymbolicLink(dir.resolve("linked.json"), real);

        run("--config", link.toString());

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).contains(LAUNCHER);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "invalid-missing-comma.json, 4:5",
        "invalid-truncated.json, 4:1",
        "invalid-array-root.json, 1:1",
        "invalid-trailing.json, 1:20",
        "vscode-with-comments.json, 2:3"
    })
    void invalidJsonIsReportedWithLineAndColumnAndNothingIsWritten(String sample, String position) throws IOException {
        Path config = sample(sample);
        byte[] original = Files.readAllBytes(config);

        Result result = run("--client", "claude-desktop", "--config", config.toString());

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains(config + ":" + position + ":").contains("nothing was written");
        assertThat(Files.readAllBytes(config)).isEqualTo(original);
        assertThat(backups()).isEmpty();
    }

    @Test
    void vsCodeConfigKeepsItsCommentsAndTrailingCommasWhenRewritten() throws IOException {
        Path config = sample("vscode-with-comments.json");

        Result result = run("--client", "vscode", "--config", config.toString());

        assertThat(result.code()).isZero();
        assertThat(result.err()).doesNotContain("had comments");
        assertThat(Files.readString(config))
                .contains(LAUNCHER)
                .startsWith("{\n  // Servers for this workspace\n  \"servers\": {\n    \"fetch\": {")
                .endsWith("},\n  },\n}\n");
    }

    @Test
    void dryRunPrintsAUnifiedDiffAndWritesNothing() throws IOException {
        Path config = sample("cursor.json");
        byte[] original = Files.readAllBytes(config);

        Result result = run("--config", config.toString(), "--dry-run");

        assertThat(result.code()).isZero();
        assertThat(result.out())
                .contains("--- " + config)
                .contains("@@ -")
                .contains("-      \"command\": \"npx\",")
                .contains("+      \"command\": \"" + LAUNCHER + "\",")
                .contains("Dry run: nothing was written");
        assertThat(Files.readAllBytes(config)).isEqualTo(original);
        assertThat(backups()).isEmpty();
    }

    @Test
    void onlyWrapsTheNamedEntries() throws IOException {
        Path config = sample("cursor.json");

        run("--config", config.toString(), "--only", "remote", "remote-sse", "--dry-run");
        Result result = run("--config", config.toString(), "--only", "remote");

        JsonNode servers = LENIENT.readTree(config.toFile()).path("mcpServers");
        assertThat(result.code()).isZero();
        assertThat(servers.path("remote").path("command").asText()).isEqualTo(LAUNCHER);
        assertThat(servers.path("web-search").path("command").asText()).isEqualTo("npx");
        assertThat(servers.path("remote-sse").has("url")).isTrue();
    }

    @Test
    void anUnknownOnlyNameIsAUsageErrorAndNothingIsWritten() throws IOException {
        Path config = sample("cursor.json");
        byte[] original = Files.readAllBytes(config);

        Result result = run("--config", config.toString(), "--only", "remote,nope");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("no server named nope").contains("remote-sse, web-search");
        assertThat(Files.readAllBytes(config)).isEqualTo(original);
    }

    @Test
    void printsTheClaudeMcpAddOneLinerWithoutEchoingSecrets() throws IOException {
        Path config = sample("cursor.json");

        Result result = run("--config", config.toString(), "--dry-run");

        assertThat(result.out())
                .contains("claude mcp add web-search -e SEARCH_API_KEY=\"$SEARCH_API_KEY\" -- '" + LAUNCHER
                        + "' proxy --name web-search -- npx -y web-search-mcp")
                .doesNotContain("sk-cursor-example\" --");
        assertThat(result.out().lines().filter(line -> line.contains("claude mcp add") && line.contains("sk-")))
                .isEmpty();
    }

    @Test
    void findsEveryClientsDefaultConfigWhenNoneIsNamed() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path desktop = copy("claude-desktop-macos.json", home.resolve(".config/Claude/claude_desktop_config.json"));
        Path cursor = copy("cursor.json", home.resolve(".cursor/mcp.json"));
        Platform linux = new Platform(
                Platform.Os.LINUX, home.toString(), Map.of(), dir.resolve("cwd").toString());

        Result result = run(linux, List.of());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("Claude Desktop: " + desktop)
                .contains("Cursor: " + cursor)
                .doesNotContain("VS Code:");
        assertThat(Files.readString(desktop)).contains(LAUNCHER);
        assertThat(Files.readString(cursor)).contains(LAUNCHER);
    }

    @Test
    void findsTheMacOsConfigsUnderApplicationSupport() throws IOException {
        Path home = Files.createDirectories(dir.resolve("Users/ana"));
        Path support = home.resolve("Library/Application Support");
        Path desktop = copy("claude-desktop-macos.json", support.resolve("Claude/claude_desktop_config.json"));
        Path vscode = copy("vscode.json", support.resolve("Code/User/mcp.json"));
        Platform mac = new Platform(
                Platform.Os.MAC, home.toString(), Map.of(), dir.resolve("cwd").toString());

        Result result = run(mac, List.of("--dry-run"));

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("Claude Desktop: " + desktop).contains("VS Code: " + vscode);
    }

    @Test
    void saysWhereItLookedWhenAClientHasNoConfig() {
        Platform linux = new Platform(Platform.Os.LINUX, dir.toString(), Map.of(), dir.toString());

        Result result = run(linux, List.of("--client", "cursor"));

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err())
                .contains("found no config of Cursor")
                .contains(dir.resolve(".cursor/mcp.json").toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"--bogus", "--client,emacs", "--config", "--only"})
    void badArgumentsAreUsageErrors(String args) {
        Result result = run(args.split(","));

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("patchwork wrap: ");
    }

    @Test
    void refusesAnUnknownOptionInOneLineNamingHelp() {
        Result result = run("--dryrun");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err())
                .isEqualTo("patchwork wrap: unknown option '--dryrun'; run 'patchwork wrap --help' for every option."
                        + System.lineSeparator());
    }

    @Test
    void takesOptionValuesJoinedWithAnEqualsSign() throws IOException {
        Path config = sample("cursor.json");

        Result result = run("--config=" + config, "--only=remote", "--dry-run");

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("wrapped   remote").doesNotContain("wrapped   web-search");
    }

    @Test
    void aMissingConfigFileIsARuntimeFailure() {
        Result result = run("--config", dir.resolve("absent.json").toString());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("does not exist");
    }

    @Test
    void helpPrintsUsage() {
        Result result = run(new Platform(Platform.Os.LINUX, "/h", Map.of(), "/"), List.of("--help"));

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("Usage: patchwork wrap").contains("--unwrap");
    }

    private Result run(String... args) {
        Platform nowhere = new Platform(Platform.Os.LINUX, dir.resolve("nohome").toString(), Map.of(), dir.toString());
        return run(nowhere, List.of(args));
    }

    private Result run(Platform platform, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:15:00Z"), ZoneOffset.UTC);
        List<String> all = new ArrayList<>(List.of("--launcher", LAUNCHER));
        all.addAll(args);
        int code = new WrapCommand(
                        platform,
                        clock,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(all);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path sample(String name) throws IOException {
        return copy(name, dir.resolve(name));
    }

    static Path copy(String sample, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = WrapCommandTest.class.getResourceAsStream("/wrap/" + sample)) {
            Files.copy(in, target);
        }
        return target;
    }

    private List<Path> backups() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains(".patchwork-backup-"))
                    .toList();
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }
}
