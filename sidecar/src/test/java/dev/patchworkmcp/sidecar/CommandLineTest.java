package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code patchwork sidecar} as a user runs it: a real process, its exit code and what it prints. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CommandLineTest {
    @TempDir
    Path dir;

    /** What a finished sidecar process printed and how it ended. */
    record Run(int exitCode, String stdout, String stderr) {}

    @Test
    void helpPrintsTheOptionsAndTheEnvironmentAndExitsZero() throws Exception {
        Run run = run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("--port", "--host", "--database", "FEEDBACK_PORT", "FEEDBACK_ADMIN_KEY");
        assertThat(run.stderr()).doesNotContain("listening");
    }

    @Test
    void refusesAnUnknownOptionWithExitCodeTwo() throws Exception {
        Run run = run("--prot", "9000");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip())
                .isEqualTo(
                        "patchwork sidecar: unknown option '--prot'; run 'patchwork sidecar --help' for every option.");
    }

    @Test
    void refusesAMissingValueAndAValueGivenToAFlagWithExitCodeTwo() throws Exception {
        Run missing = run("--db");
        Run flagValue = run("--verbose=yes");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr().strip()).startsWith("patchwork sidecar: option --db needs a value");
        assertThat(flagValue.exitCode()).isEqualTo(2);
        assertThat(flagValue.stderr().strip()).startsWith("patchwork sidecar: option --verbose takes no value");
    }

    @Test
    void takesAnOptionsValueJoinedWithAnEqualsSign() throws Exception {
        String stderr = stderrUntilListening("joined", "--port=0", "--host=127.0.0.1");

        assertThat(stderr).containsPattern("listening on http://127\\.0\\.0\\.1:[1-9][0-9]*");
    }

    @Test
    void saysInOneLineThatThePortIsTakenAndExitsNonZero() throws Exception {
        Sidecar first = Sidecar.start(SidecarConfig.forTests(dir.resolve("first.db")));
        try {
            Run run = run(
                    "--port",
                    String.valueOf(first.port()),
                    "--db",
                    dir.resolve("second.db").toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr().strip().lines())
                    .singleElement()
                    .asString()
                    .contains("127.0.0.1:" + first.port(), "in use", "--port");
        } finally {
            first.stop();
        }
    }

    @Test
    void showsTheLibrariesLogLinesOnlyWithVerbose() throws Exception {
        String quiet = stderrUntilListening("quiet", "--port", "0");
        String verbose = stderrUntilListening("verbose", "-v", "--port", "0");

        assertThat(quiet).doesNotContain("io.helidon");
        assertThat(verbose).contains("io.helidon.webserver");
    }

    /** Starts a sidecar, waits until it says where it listens, stops it, and returns what it wrote on stderr. */
    private String stderrUntilListening(String name, String... args) throws Exception {
        Path work = Files.createDirectories(dir.resolve(name));
        Path err = work.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--db",
                work.resolve("feedback.db").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectOutput(work.resolve("stdout.txt").toFile())
                .redirectError(err.toFile());
        builder.environment().put("FEEDBACK_CLUSTERING", "false");
        Process process = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(err).contains("listening on") && System.nanoTime() < deadline) {
                assertThat(process.isAlive()).as("the sidecar is running").isTrue();
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
            return Files.readString(err);
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("FEEDBACK_CLUSTERING", "false");
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the sidecar did not exit within 60 s");
        }
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
