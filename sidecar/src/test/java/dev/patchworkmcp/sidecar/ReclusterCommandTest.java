package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchworkmcp.sidecar.insight.InsightConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code patchwork recluster} against a real sidecar with clustering on. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReclusterCommandTest {
    private static final String ADMIN = "admin-key-that-stays-secret";

    @TempDir
    Path dir;

    private Sidecar sidecar;

    /** What one run printed and how it ended. */
    record Run(int exitCode, String stdout, String stderr) {}

    @AfterEach
    void stop() {
        if (sidecar != null) {
            sidecar.stop();
        }
    }

    private void startSidecar(String adminKey) {
        SidecarConfig config =
                SidecarConfig.forTests(dir.resolve("feedback.db")).withInsight(InsightConfig.defaults());
        sidecar = Sidecar.start(config.withAccess(config.access().withAdminKey(adminKey)));
    }

    private Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReclusterCommand.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Map<String, String> sidecarAt(String adminKey) {
        return Map.of(
                "FEEDBACK_SIDECAR_URL", "http://127.0.0.1:" + sidecar.port() + "/", "FEEDBACK_ADMIN_KEY", adminKey);
    }

    @Test
    void reclustersEveryServerAndPrintsTheSidecarsAnswer() {
        startSidecar("");

        Run run = run(sidecarAt(""));

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("\"status\":\"reclustered\"", "\"reports\":0", "\"server_name\":null");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void reclustersOneServerGivenWithEitherSpellingOfTheOption() {
        startSidecar("");

        Run separate = run(sidecarAt(""), "--server", "costs api");
        Run joined = run(sidecarAt(""), "--server=costs api");

        assertThat(separate.exitCode()).isZero();
        assertThat(joined.exitCode()).isZero();
        assertThat(separate.stdout()).contains("\"server_name\":\"costs api\"");
        assertThat(joined.stdout()).contains("\"server_name\":\"costs api\"");
    }

    @Test
    void sendsTheAdminKeyFromTheEnvironment() {
        startSidecar(ADMIN);

        Run run = run(sidecarAt(ADMIN));

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("\"status\":\"reclustered\"").doesNotContain(ADMIN);
    }

    @Test
    void saysWhichVariableToSetWhenTheSidecarRefusesTheKeyAndNeverPrintsIt() {
        startSidecar(ADMIN);

        Run run = run(sidecarAt("wrong-key"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr().strip().lines())
                .singleElement()
                .asString()
                .startsWith("patchwork recluster: the sidecar refused the admin key (401): set FEEDBACK_ADMIN_KEY")
                .doesNotContain("wrong-key", ADMIN);
    }

    @Test
    void saysHowToStartTheSidecarWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        Run run = run(Map.of("FEEDBACK_SIDECAR_URL", "http://127.0.0.1:" + port));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().strip())
                .isEqualTo("patchwork recluster: cannot reach the sidecar at http://127.0.0.1:" + port
                        + "; start it ('patchwork sidecar') or set FEEDBACK_SIDECAR_URL.");
    }

    @Test
    void refusesABadSidecarUrlNamingTheVariable() {
        Run run = run(Map.of("FEEDBACK_SIDECAR_URL", "127.0.0.1:8099"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("FEEDBACK_SIDECAR_URL '127.0.0.1:8099' is not an http(s) URL");
    }

    @Test
    void printsItsUsageOnHelp() {
        Run run = run(Map.of(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("Usage: patchwork recluster [--server NAME]", "FEEDBACK_ADMIN_KEY");
    }

    @Test
    void refusesAnUnknownOptionAndABlankServerInOneLine() {
        Run unknown = run(Map.of(), "--servr", "x");
        Run blank = run(Map.of(), "--server=");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr().strip())
                .isEqualTo("patchwork recluster: unknown option '--servr'; run 'patchwork recluster --help' for every "
                        + "option.");
        assertThat(blank.exitCode()).isEqualTo(2);
        assertThat(blank.stderr()).contains("--server needs a server name");
    }
}
