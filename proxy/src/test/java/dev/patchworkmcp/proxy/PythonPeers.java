package dev.patchworkmcp.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Python MCP peers the tests drive (the official {@code mcp} 2.x SDK, pinned in
 * {@code src/test/python/requirements.txt}): a venv made with {@code python3 -m venv} and {@code pip install}, once
 * and again only when the requirements change (a stamp in the venv holds their hash). Thread-safe.
 */
public final class PythonPeers {

    static final Path DIR = Path.of("src/test/python").toAbsolutePath();
    private static final Path VENV = DIR.resolve(".venv");
    private static boolean ready;

    private PythonPeers() {}

    public static synchronized void install() throws IOException, InterruptedException {
        if (ready) {
            return;
        }
        Path stamp = VENV.resolve(".requirements.sha256");
        String hash = sha256(DIR.resolve("requirements.txt"));
        if (!Files.isExecutable(python())
                || !Files.exists(stamp)
                || !Files.readString(stamp).equals(hash)) {
            run(List.of("python3", "-m", "venv", "--clear", VENV.toString()));
            run(List.of(
                    python().toString(),
                    "-m",
                    "pip",
                    "install",
                    "-q",
                    "--disable-pip-version-check",
                    "-r",
                    DIR.resolve("requirements.txt").toString()));
            Files.writeString(stamp, hash);
        }
        ready = true;
    }

    static Path python() {
        return VENV.resolve("bin").resolve("python");
    }

    /** {@code python <script under src/test/python> args...}. */
    public static List<String> script(String name, List<String> args) {
        List<String> command =
                new ArrayList<>(List.of(python().toString(), DIR.resolve(name).toString()));
        command.addAll(args);
        return command;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("python-peers", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    String.join(" ", command) + " failed:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
