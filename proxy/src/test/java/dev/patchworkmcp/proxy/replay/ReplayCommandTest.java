package dev.patchworkmcp.proxy.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code patchwork replay} against a real sidecar on loopback with a fresh SQLite file. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplayCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Sidecar sidecar;
    private Path spool;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        sidecar = Sidecar.start(SidecarConfig.forTests(dir.resolve("feedback.db")));
        spool = dir.resolve("spool.jsonl");
    }

    @AfterEach
    void stop() {
        sidecar.stop();
    }

    @Test
    void deliversEverySpooledReportAndEmptiesTheSpool() throws Exception {
        Files.writeString(spool, report("a", UUID.randomUUID().toString()) + "\n" + report("b", "key-b") + "\n");

        int exit = replay(url());

        assertThat(exit).isZero();
        assertThat(Files.readString(spool)).isEmpty();
        assertThat(stored())
                .extracting(item -> item.get("what_i_needed").asText())
                .containsExactlyInAnyOrder("a", "b");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("delivered 2");
    }

    @Test
    void deliversALineOnlyOnceWhenItIsReplayedAgain() throws Exception {
        String line = report("once", "key-once");
        Files.writeString(spool, line + "\n");
        int first = replay(url());
        Files.writeString(spool, line + "\n" + line + "\n");

        int second = replay(url());

        assertThat(List.of(first, second)).containsExactly(0, 0);
        assertThat(stored()).hasSize(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 already stored");
    }

    @Test
    void keepsLinesTheSidecarRefusesAndNamesThemWithoutTheirContent() throws Exception {
        String invalid = report("secret text", "key-bad").replace("\"missing_tool\"", "\"nonsense\"");
        Files.writeString(spool, invalid + "\n" + report("fine", "key-fine") + "\n");

        int exit = replay(url());

        assertThat(exit).isEqualTo(1);
        assertThat(Files.readAllLines(spool)).containsExactly(invalid);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("line 1 kept", "422", "invalid_enum")
                .doesNotContain("secret text");
        assertThat(stored()).hasSize(1);
    }

    @Test
    void keepsEveryLineWhileTheSidecarIsDownAndGivesKeylessLinesAKey() throws Exception {
        String keyless = JSON.writeValueAsString(
                Map.of("server_name", "replay-test", "what_i_needed", "x", "what_i_tried", "y", "gap_type", "other"));
        Files.writeString(spool, keyless + "\n" + report("b", "key-b") + "\n");

        int exit = replay("http://127.0.0.1:" + freePort());

        assertThat(exit).isEqualTo(1);
        List<String> kept = Files.readAllLines(spool);
        assertThat(kept).hasSize(2);
        assertThat(JSON.readTree(kept.get(0)).path("idempotency_key").asText()).isNotBlank();
        assertThat(kept.get(1)).isEqualTo(report("b", "key-b"));
    }

    @Test
    void keepsALineThatIsNotJson() throws Exception {
        Files.writeString(spool, "{not json\n" + report("ok", "key-ok") + "\n");

        int exit = replay(url());

        assertThat(exit).isEqualTo(1);
        assertThat(Files.readAllLines(spool)).containsExactly("{not json");
    }

    @Test
    void refusesAMissingSpoolFileWithUsageExitCode() {
        int exit = ReplayCommand.run(
                new String[] {dir.resolve("absent.jsonl").toString()}, Map.of(), print(out), print(err));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("does not exist");
    }

    @Test
    void refusesNoArgumentsWithUsage() {
        int exit = ReplayCommand.run(new String[0], Map.of(), print(out), print(err));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: patchwork replay");
    }

    @Test
    void takesTheSidecarUrlAfterTheOptionOrJoinedToIt() throws Exception {
        Files.writeString(spool, report("a", "key-a") + "\n");
        int separate =
                ReplayCommand.run(new String[] {"--url", url(), spool.toString()}, Map.of(), print(out), print(err));
        Files.writeString(spool, report("b", "key-b") + "\n");

        int joined =
                ReplayCommand.run(new String[] {spool.toString(), "--url=" + url()}, Map.of(), print(out), print(err));

        assertThat(separate).isZero();
        assertThat(joined).isZero();
        assertThat(stored())
                .extracting(item -> item.get("what_i_needed").asText())
                .containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void printsItsUsageOnHelp() {
        int exit = ReplayCommand.run(new String[] {"--help"}, Map.of(), print(out), print(err));

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: patchwork replay");
    }

    @Test
    void refusesAnUnknownOptionAndASecondFileInOneLineNamingHelp() {
        int unknown = ReplayCommand.run(new String[] {"--ur", url(), "spool.jsonl"}, Map.of(), print(out), print(err));
        int twoFiles = ReplayCommand.run(new String[] {"a.jsonl", "b.jsonl"}, Map.of(), print(out), print(err));

        assertThat(unknown).isEqualTo(2);
        assertThat(twoFiles).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(
                        "patchwork replay: unknown option '--ur'; run 'patchwork replay --help' for every option.",
                        "patchwork replay: unexpected argument 'b.jsonl'; run 'patchwork replay --help' for every "
                                + "option.");
    }

    private int replay(String sidecarUrl) {
        return ReplayCommand.run(
                new String[] {spool.toString()},
                Map.of("FEEDBACK_SIDECAR_URL", sidecarUrl + "/"),
                print(out),
                print(err));
    }

    private String url() {
        return "http://127.0.0.1:" + sidecar.port();
    }

    private static String report(String needed, String key) throws Exception {
        return JSON.writeValueAsString(Map.of(
                "server_name", "replay-test",
                "what_i_needed", needed,
                "what_i_tried", "tried",
                "gap_type", "missing_tool",
                "source", "dropin-java",
                "idempotency_key", key));
    }

    private List<JsonNode> stored() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url() + "/api/feedback?server_name=replay-test"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return List.copyOf(JSON.readTree(response.body()).valueStream().toList());
    }

    private static PrintStream print(ByteArrayOutputStream sink) {
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
