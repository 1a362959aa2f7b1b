package dev.patchworkmcp.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code patchwork} launcher script at the root of the repository, run as a user runs it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LauncherTest {
    private static final Path LAUNCHER =
            Path.of("..", "patchwork").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void refusesAnUnknownCommandWithUsageExitCodeAndOneLineNamingIt() throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        Process launcher = new ProcessBuilder(List.of("bash", LAUNCHER.toString(), "bogus"))
                .directory(dir.toFile())
                .redirectError(stderr.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .start();

        boolean exited = launcher.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            launcher.destroyForcibly();
        }

        assertThat(exited).as("exited").isTrue();
        assertThat(launcher.exitValue()).isEqualTo(2);
        assertThat(Files.readString(stderr, StandardCharsets.UTF_8).strip().lines())
                .last()
                .isEqualTo("patchwork: unknown command 'bogus'; see the list above.");
        assertThat(Files.readString(stderr, StandardCharsets.UTF_8)).contains("Usage: patchwork <command>");
        assertThat(dir.resolve("stdout.txt")).isEmptyFile();
    }

    @Test
    void printsItsHelpWithNeitherJavaNorMavenOnThePath() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("cat"), Path.of("/bin/cat"));
        ProcessBuilder builder = new ProcessBuilder(List.of("/bin/bash", LAUNCHER.toString(), "help"))
                .directory(dir.toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile());
        builder.environment().put("PATH", bin.toString());
        builder.environment().remove("JAVA_HOME");
        Process launcher = builder.start();

        boolean exited = launcher.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            launcher.destroyForcibly();
        }

        assertThat(exited).as("exited").isTrue();
        assertThat(launcher.exitValue()).isZero();
        assertThat(Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8))
                .startsWith("Usage: patchwork <command>")
                .contains("recluster [--server NAME]");
        assertThat(dir.resolve("stderr.txt")).isEmptyFile();
    }
}
