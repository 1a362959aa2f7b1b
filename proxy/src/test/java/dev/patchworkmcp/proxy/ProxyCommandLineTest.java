package dev.patchworkmcp.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchworkmcp.commandline.UsageException;
import dev.patchworkmcp.proxy.http.ConnectionLimits;
import dev.patchworkmcp.proxy.upstream.UpstreamTarget;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyCommandLineTest {

    private static ProxyConfig parse(Map<String, String> env, String... args) {
        ProxyCommandLine.Invocation invocation = ProxyCommandLine.parse(List.of(args), env);
        assertThat(invocation).isInstanceOf(ProxyCommandLine.Run.class);
        return ((ProxyCommandLine.Run) invocation).config();
    }

    private static ProxyConfig parse(String... args) {
        return parse(Map.of("HOME", "/home/agent"), args);
    }

    @Test
    void wrapsACommandWithTheDocumentedDefaults() {
        ProxyConfig config = parse("--", "npx", "-y", "@modelcontextprotocol/server-everything@2026.8.31");

        assertThat(config.upstream())
                .isEqualTo(new UpstreamTarget.Stdio(
                        List.of("npx", "-y", "@modelcontextprotocol/server-everything@2026.8.31"), Map.of(), null));
        assertThat(config.serverName()).isEqualTo("server-everything");
        assertThat(config.sidecar()).isEqualTo(URI.create("http://127.0.0.1:8099"));
        assertThat(config.apiKey()).isNull();
        assertThat(config.serve()).isEqualTo(ProxyConfig.Serve.STDIO);
        assertThat(config.toolName()).isEqualTo("feedback");
        assertThat(config.outbox()).isEqualTo(Path.of("/home/agent/.local/state/patchworkmcp/outbox"));
        assertThat(config.verbose()).isFalse();
    }

    @Test
    void takesDefaultsFromTheEnvironment() {
        ProxyConfig config = parse(
                Map.of(
                        "FEEDBACK_SIDECAR_URL", "http://sidecar.internal:9000/",
                        "FEEDBACK_API_KEY", "ingest-key",
                        "XDG_STATE_HOME", "/state",
                        "PATCHWORK_TOOL_NAME", "report_gap"),
                "--",
                "python3",
                "-m",
                "weather_server");

        assertThat(config.sidecar()).isEqualTo(URI.create("http://sidecar.internal:9000"));
        assertThat(config.apiKey()).isEqualTo("ingest-key");
        assertThat(config.outbox()).isEqualTo(Path.of("/state/patchworkmcp/outbox"));
        assertThat(config.toolName()).isEqualTo("report_gap");
        assertThat(config.serverName()).isEqualTo("weather_server");
    }

    @Test
    void optionsWinOverTheEnvironment() {
        ProxyConfig config = parse(
                Map.of("FEEDBACK_API_KEY", "from-env"),
                "--name=weather",
                "--api-key",
                "from-flag",
                "--outbox",
                "/tmp/outbox",
                "--env",
                "TOKEN=a=b",
                "--verbose",
                "--",
                "node",
                "dist/index.js");

        assertThat(config.serverName()).isEqualTo("weather");
        assertThat(config.apiKey()).isEqualTo("from-flag");
        assertThat(config.outbox()).isEqualTo(Path.of("/tmp/outbox"));
        assertThat(((UpstreamTarget.Stdio) config.upstream()).env()).containsEntry("TOKEN", "a=b");
        assertThat(config.verbose()).isTrue();
    }

    @Test
    void parsesARemoteUpstreamWithHeadersAndTransport() {
        ProxyConfig config = parse(
                "--url",
                "https://mcp.example.com/sse",
                "--transport",
                "sse",
                "--header",
                "Authorization: Bearer abc",
                "--header",
                "X-Team:  blue ");

        assertThat(config.upstream())
                .isEqualTo(new UpstreamTarget.Sse(
                        URI.create("https://mcp.example.com/sse"),
                        Map.of("Authorization", "Bearer abc", "X-Team", "blue")));
        assertThat(config.serverName()).isEqualTo("mcp.example.com");
    }

    @Test
    void readsOptionValuesJoinedWithAnEqualsSignLikeSeparateOnes() {
        ProxyConfig joined = parse(
                "--url=https://mcp.example.com/mcp",
                "--header=Authorization: Bearer a=b",
                "--tool-name=report_gap",
                "--sidecar=http://127.0.0.1:9000");
        ProxyConfig separate = parse(
                "--url",
                "https://mcp.example.com/mcp",
                "--header",
                "Authorization: Bearer a=b",
                "--tool-name",
                "report_gap",
                "--sidecar",
                "http://127.0.0.1:9000");

        assertThat(joined).isEqualTo(separate);
        assertThat(joined.upstream())
                .isEqualTo(new UpstreamTarget.StreamableHttp(
                        URI.create("https://mcp.example.com/mcp"), Map.of("Authorization", "Bearer a=b")));
    }

    @Test
    void refusesAValueGivenToAFlag() {
        assertThatThrownBy(() -> parse("--verbose=true", "srv"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("option --verbose takes no value")
                .hasMessageContaining("patchwork proxy --help");
    }

    @Test
    void refusesADoubleDashWithNothingAfterIt() {
        assertThatThrownBy(() -> parse("--name", "x", "--"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'--' must be followed by the server command");
    }

    @Test
    void parsesHttpServing() {
        ProxyConfig config = parse("--serve", "http", "--port", "0", "--host", "0.0.0.0", "--", "srv");

        assertThat(config.serve()).isEqualTo(ProxyConfig.Serve.HTTP);
        assertThat(config.http().port()).isZero();
        assertThat(config.http().host()).isEqualTo("0.0.0.0");
    }

    @Test
    void parsesHttpSessionTimeoutAndAllowedHostsAndOrigins() {
        ProxyConfig seconds = parse("--serve", "http", "--session-idle-timeout", "90", "--", "srv");
        ProxyConfig iso = parse(
                "--serve",
                "http",
                "--session-idle-timeout",
                "PT10M",
                "--allowed-host",
                "mcp.example.com",
                "--allowed-host",
                "proxy.internal",
                "--allowed-origin",
                "https://app.example.com",
                "--",
                "srv");

        assertThat(seconds.http().sessionIdleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(iso.http().sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(iso.http().allowedHosts()).containsExactly("mcp.example.com", "proxy.internal");
        assertThat(iso.http().allowedOrigins()).containsExactly("https://app.example.com");
    }

    @Test
    void rejectsAnUnreadableOrNonPositiveIdleTimeoutAndHttpOptionsWithoutHttpServing() {
        assertThatThrownBy(() -> parse("--serve", "http", "--session-idle-timeout", "soon", "--", "srv"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'soon' is not a duration");
        assertThatThrownBy(() -> parse("--serve", "http", "--session-idle-timeout", "0", "--", "srv"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> parse("--allowed-host", "mcp.example.com", "--", "srv"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("only apply to --serve http");
    }

    @Test
    void parsesConnectionLimitsAndKeepsTheirDefaultsOtherwise() {
        ProxyConfig chosen = parse(
                "--serve",
                "http",
                "--max-connections",
                "50",
                "--connection-idle-timeout",
                "PT2M",
                "--header-timeout",
                "3",
                "--",
                "srv");
        ProxyConfig defaults = parse("--serve", "http", "--", "srv");

        assertThat(chosen.http().connectionLimits())
                .isEqualTo(new ConnectionLimits(50, Duration.ofMinutes(2), Duration.ofSeconds(3)));
        assertThat(defaults.http().connectionLimits())
                .isEqualTo(new ConnectionLimits(1000, Duration.ofSeconds(60), Duration.ofSeconds(10)));
    }

    @Test
    void rejectsUnreadableOrNonPositiveConnectionLimitsNamingTheOption() {
        assertThatThrownBy(() -> parse("--serve", "http", "--max-connections", "many", "--", "srv"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--max-connections 'many' is not a number");
        assertThatThrownBy(() -> parse("--serve", "http", "--max-connections", "0", "--", "srv"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--max-connections must be at least 1");
        assertThatThrownBy(() -> parse("--serve", "http", "--connection-idle-timeout", "soon", "--", "srv"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--connection-idle-timeout 'soon' is not a duration");
        assertThatThrownBy(() -> parse("--serve", "http", "--header-timeout", "0", "--", "srv"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--header-timeout must be positive");
        assertThatThrownBy(() -> parse("--header-timeout", "5", "--", "srv"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("only apply to --serve http");
    }

    @Test
    void keepsEverythingAfterTheDoubleDashForTheServer() {
        ProxyConfig config = parse("--", "srv", "--help", "--port", "1");

        assertThat(((UpstreamTarget.Stdio) config.upstream()).command())
                .containsExactly("srv", "--help", "--port", "1");
    }

    @Test
    void recognisesHelpAndVersion() {
        assertThat(ProxyCommandLine.parse(List.of("--help"), Map.of())).isInstanceOf(ProxyCommandLine.Help.class);
        assertThat(ProxyCommandLine.parse(List.of("--version"), Map.of())).isInstanceOf(ProxyCommandLine.Version.class);
        assertThat(ProxyCommandLine.usage()).contains("--tool-name", "--outbox", "FEEDBACK_SIDECAR_URL", "--header");
        assertThat(ProxyCommandLine.usage())
                .contains("--max-connections", "--connection-idle-timeout", "--header-timeout");
    }

    @Test
    void recognisesHelpAfterOtherOptions() {
        assertThat(ProxyCommandLine.parse(List.of("--name", "x", "-h"), Map.of()))
                .isInstanceOf(ProxyCommandLine.Help.class);
    }

    @Test
    void rejectsUnknownOptionWithAHint() {
        assertThatThrownBy(() -> parse("--colour", "red", "--", "srv"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown option '--colour'")
                .hasMessageContaining("--help");
    }

    @Test
    void rejectsBothUrlAndCommand() {
        assertThatThrownBy(() -> parse("--url", "http://h/mcp", "--", "srv"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("not both");
    }

    @Test
    void rejectsAMissingUpstream() {
        assertThatThrownBy(() -> parse("--name", "x"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("no server to wrap");
    }

    @Test
    void startsTheCommandAtTheFirstArgumentThatIsNotAnOption() {
        ProxyConfig config = parse("--name", "x", "-v", "--outbox=/tmp/o", "npx", "-y", "srv", "--port", "1", "--");

        assertThat(((UpstreamTarget.Stdio) config.upstream()).command())
                .containsExactly("npx", "-y", "srv", "--port", "1", "--");
        assertThat(config.serverName()).isEqualTo("x");
        assertThat(config.verbose()).isTrue();
    }

    @Test
    void takesAnOptionValueThatLooksLikeACommandAsTheValue() {
        ProxyConfig config = parse("--name", "node", "node", "server.js");

        assertThat(config.serverName()).isEqualTo("node");
        assertThat(((UpstreamTarget.Stdio) config.upstream()).command()).containsExactly("node", "server.js");
    }

    @Test
    void rejectsAnUnknownShortOptionBeforeTheCommand() {
        assertThatThrownBy(() -> parse("-x", "srv"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown option '-x'")
                .hasMessageContaining("--help");
    }

    @Test
    void readsRemoteHeaderValuesFromTheEnvironment() {
        ProxyConfig config = parse(
                Map.of("PATCHWORK_HEADER_AUTHORIZATION", "Bearer s3cret"),
                "--url",
                "https://mcp.example.com/mcp",
                "--header-env",
                "Authorization=PATCHWORK_HEADER_AUTHORIZATION");

        assertThat(config.upstream())
                .isEqualTo(new UpstreamTarget.StreamableHttp(
                        URI.create("https://mcp.example.com/mcp"), Map.of("Authorization", "Bearer s3cret")));
    }

    @Test
    void rejectsAHeaderFromAnUnsetVariableNamingTheVariableOnly() {
        assertThatThrownBy(() -> parse("--url", "https://h/mcp", "--header-env", "Authorization=MISSING_TOKEN"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("MISSING_TOKEN is not set");
        assertThatThrownBy(() -> parse("--url", "https://h/mcp", "--header-env", "Authorization"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'Name=VARIABLE'");
    }

    @Test
    void rejectsContradictoryOptions() {
        assertThatThrownBy(() -> parse("--port", "9000", "--", "srv")).hasMessageContaining("--serve http");
        assertThatThrownBy(() -> parse("--header", "A: b", "--", "srv")).hasMessageContaining("only apply to --url");
        assertThatThrownBy(() -> parse("--env", "A=b", "--url", "http://h/mcp")).hasMessageContaining("--env only");
    }

    @Test
    void rejectsBadValuesNamingThem() {
        assertThatThrownBy(() -> parse("--serve", "grpc", "--", "srv")).hasMessageContaining("'grpc'");
        assertThatThrownBy(() -> parse("--transport", "ws", "--url", "http://h/mcp"))
                .hasMessageContaining("'ws'");
        assertThatThrownBy(() -> parse("--serve", "http", "--port", "70000", "--", "srv"))
                .hasMessageContaining("'70000'");
        assertThatThrownBy(() -> parse("--sidecar", "localhost:8099", "--", "srv"))
                .hasMessageContaining("not an http(s) URL");
        assertThatThrownBy(() -> parse("--tool-name", "has space", "--", "srv"))
                .hasMessageContaining("not a valid tool name");
        assertThatThrownBy(() -> parse("--header", "NoColon", "--url", "http://h/mcp"))
                .hasMessageContaining("'Name: value'");
        assertThatThrownBy(() -> parse("--env", "=x", "--", "srv")).hasMessageContaining("NAME=value");
        assertThatThrownBy(() -> parse("--name")).hasMessageContaining("needs a value");
    }

    @Test
    void derivesServerNamesFromCommonLaunchers() {
        assertThat(name("node", "/opt/weather/dist/index.js")).isEqualTo("weather");
        assertThat(name("uvx", "mcp-server-fetch")).isEqualTo("mcp-server-fetch");
        assertThat(name("java", "-jar", "/x/orders-server-1.0.jar")).isEqualTo("orders-server-1.0");
        assertThat(name("/usr/local/bin/my-server", "--flag")).isEqualTo("my-server");
    }

    private static String name(String... command) {
        return ProxyCommandLine.deriveServerName(new UpstreamTarget.Stdio(List.of(command), Map.of(), null));
    }
}
