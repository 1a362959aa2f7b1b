package dev.patchworkmcp.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real MCP client script to its end (bounded) and returns its stdout; a failure quotes its stderr. */
final class ClientRun {

    private ClientRun() {}

    /**
     * @param directory the client's working directory
     * @param temp where its output is kept
     */
    static String output(List<String> command, Path directory, Path temp) throws IOException, InterruptedException {
        Path out = Files.createTempFile(temp, "client", ".out");
        Path err = Files.createTempFile(temp, "client", ".err");
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the client did not finish in 120 s: " + Files.readString(err));
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("the client failed (exit " + process.exitValue() + "): "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
