package dev.patchworkmcp.proxy.wrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.proxy.ProxyCommandLine;
import dev.patchworkmcp.proxy.upstream.UpstreamTarget;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Header values of a remote entry, tokens above all, never reach the proxy's command line, for every client. */
class WrapHeaderSecretsTest {

    private static final String TOKEN = "Bearer s3cret-7f2c9a";
    private static final String KEY = "k3y-41d0";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "claude-desktop, mcpServers, ''",
        "claude-code, mcpServers, http",
        "cursor, mcpServers, ''",
        "vscode, servers, http"
    })
    void headerValuesTravelInTheEntrysEnvOnceAndUnwrapRestoresTheBytes(String client, String map, String type)
            throws Exception {
        Path config = write(client, map, type);
        byte[] original = Files.readAllBytes(config);

        int wrapped = run("--client", client, "--config", config.toString());
        String afterWrap = Files.readString(config);
        int unwrapped = run("--client", client, "--config", config.toString(), "--unwrap");

        assertThat(wrapped).isZero();
        // each of the two entries holds each secret once, as before wrapping
        assertThat(occurrences(afterWrap, TOKEN)).as(afterWrap).isEqualTo(2);
        assertThat(occurrences(afterWrap, KEY)).as(afterWrap).isEqualTo(2);
        JsonNode servers = WrapCommandTest.LENIENT.readTree(afterWrap).path(map);
        for (String name : List.of("one-line", "spread")) {
            JsonNode entry = servers.path(name);
            assertThat(entry.path("args").toString()).doesNotContain(TOKEN, KEY);
            assertThat(headersTheProxyReads(entry))
                    .isEqualTo(Map.of("Authorization", TOKEN, "X-Api-Key", KEY, "X-Team", "core"));
        }
        assertThat(unwrapped).isZero();
        assertThat(Files.readAllBytes(config)).isEqualTo(original);
    }

    /** The headers {@code patchwork proxy} gets from a wrapped entry's {@code args} and {@code env}. */
    private static Map<String, String> headersTheProxyReads(JsonNode entry) {
        List<String> args = WrapCommandTest.texts(entry.path("args"));
        Map<String, String> env = new HashMap<>();
        entry.path("env")
                .properties()
                .forEach(field -> env.put(field.getKey(), field.getValue().asText()));
        ProxyCommandLine.Run run = (ProxyCommandLine.Run) ProxyCommandLine.parse(args.subList(1, args.size()), env);
        return ((UpstreamTarget.StreamableHttp) run.config().upstream()).headers();
    }

    private Path write(String client, String map, String type) throws IOException {
        String typed = type.isEmpty() ? "" : "\"type\": \"" + type + "\", ";
        String headers = "{\"Authorization\": \"" + TOKEN + "\", \"X-Api-Key\": \"" + KEY + "\", \"X-Team\": \"core\"}";
        String text = "{\n  \"" + map + "\": {\n"
                + "    \"one-line\": {" + typed + "\"url\": \"https://one.example.com/mcp\", \"headers\": " + headers
                + "},\n"
                + "    \"spread\": {\n"
                + (type.isEmpty() ? "" : "      \"type\": \"" + type + "\",\n")
                + "      \"url\": \"https://spread.example.com/mcp\",\n"
                + "      \"headers\": {\n"
                + "        \"Authorization\": \"" + TOKEN + "\",\n"
                + "        \"X-Api-Key\": \"" + KEY + "\",\n"
                + "        \"X-Team\": \"core\"\n"
                + "      }\n"
                + "    }\n"
                + "  }\n}\n";
        Path config = dir.resolve(client + ".json");
        Files.writeString(config, text);
        return config;
    }

    private int run(String... args) {
        Platform nowhere = new Platform(Platform.Os.LINUX, dir.resolve("nohome").toString(), Map.of(), dir.toString());
        List<String> all = new ArrayList<>(List.of("--launcher", WrapCommandTest.LAUNCHER));
        all.addAll(List.of(args));
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new WrapCommand(nowhere, Clock.fixed(Instant.parse("2026-11-26T10:15:00Z"), ZoneOffset.UTC), sink, sink)
                .run(all);
    }

    private static int occurrences(String text, String secret) {
        return (int)
                Pattern.compile(Pattern.quote(secret)).matcher(text).results().count();
    }
}
