package dev.patchworkmcp.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop-in's tool on the MCP Java SDK's 2026-07-28 server ({@link ModernExampleServer}), driven over stdio by
 * mcp 2.x's Python {@code Client} in auto mode (a venv under {@code target/} from the Python drop-in's pinned
 * requirements), reporting to a real sidecar.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class FeedbackToolModernTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CLIENT =
            Path.of("src/test/clients/feedback_client.py").toAbsolutePath();
    private static final Path REQUIREMENTS =
            Path.of("../python/requirements.txt").toAbsolutePath().normalize();
    private static final Path VENV = Path.of("target/mcp2-venv").toAbsolutePath();

    @TempDir
    Path dir;

    private Sidecar sidecar;

    @AfterEach
    void stop() {
        if (sidecar != null) {
            sidecar.stop();
        }
    }

    @Test
    void pythonClientInAutoModeFilesAReportAndGetsACompleteResult() throws Exception {
        sidecar = Sidecar.start(SidecarConfig.forTests(dir.resolve("feedback.db")));
        String url = "http://127.0.0.1:" + sidecar.port();
        List<String> command = new ArrayList<>(List.of(python(), CLIENT.toString()));
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ModernExampleServer.class.getName()));

        JsonNode seen = JSON.readTree(run(command, 2, url));

        assertThat(seen.path("version").asText()).isEqualTo("2026-07-28");
        assertThat(seen.path("tools").toString()).isEqualTo("[\"feedback\"]");
        assertThat(seen.path("resultType").asText()).isEqualTo("complete");
        assertThat(seen.path("isError").asBoolean()).isFalse();
        assertThat(seen.path("text").asText()).contains("recorded");
        HttpResponse<String> list = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url + "/api/feedback?server_name=java-modern-example"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode items = JSON.readTree(list.body());
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("what_i_needed").asText()).isEqualTo("a bulk export");
        assertThat(items.get(0).path("source").asText()).isEqualTo("dropin-java");
        assertThat(items.get(0).path("protocol_version").asText()).isEqualTo("2026-07-28");
        assertThat(items.get(0).path("client_name").asText()).isEqualTo("mcp");
    }

    /** The venv's python, creating the venv from the pinned requirements when they changed. */
    private String python() throws Exception {
        Path stamp = VENV.resolve("requirements.sha256");
        String hash =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(REQUIREMENTS)));
        if (!Files.exists(stamp) || !Files.readString(stamp).equals(hash)) {
            run(List.of("python3", "-m", "venv", "--clear", VENV.toString()), 2, null);
            run(List.of(VENV.resolve("bin/pip").toString(), "install", "-q", "-r", REQUIREMENTS.toString()), 10, null);
            Files.writeString(stamp, hash);
        }
        return VENV.resolve("bin/python").toString();
    }

    /** The command's stdout; its stderr and exit code in the exception when it fails or overruns. */
    private String run(List<String> command, int minutes, String sidecarUrl) throws IOException, InterruptedException {
        Path out = dir.resolve("command.out");
        Path err = dir.resolve("command.err");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (sidecarUrl != null) {
            builder.environment().put("FEEDBACK_SIDECAR_URL", sidecarUrl);
            builder.environment()
                    .put("FEEDBACK_SPOOL_PATH", dir.resolve("spool.jsonl").toString());
        }
        Process process = builder.start();
        boolean finished = process.waitFor(minutes, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        if (!finished || process.exitValue() != 0) {
            throw new IllegalStateException(
                    command.getFirst() + (finished ? " exited " + process.exitValue() : " overran") + ":\n" + stdout
                            + Files.readString(err, StandardCharsets.UTF_8));
        }
        return stdout;
    }
}
