package dev.patchworkmcp.sidecar.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real MCP clients of the 2026-07-28 era that the {@code /mcp} tests drive, installed on first use: the
 * TypeScript SDK v2 client (pinned in {@code src/test/clients/package.json} and its lock file, {@code npm ci}) and
 * mcp 2.x's Python client (a venv under {@code target/} from the Python drop-in's pinned requirements). Each runs
 * a script in {@code src/test/clients} that prints one JSON line. Not thread-safe; tests use it from one thread.
 */
final class NewEraClients {
    private static final Path DIR = Path.of("src/test/clients").toAbsolutePath();
    private static final Path REQUIREMENTS =
            Path.of("../drop-ins/python/requirements.txt").toAbsolutePath().normalize();
    private static final Path VENV = Path.of("target/mcp2-venv").toAbsolutePath();

    private NewEraClients() {}

    /** Runs the TypeScript v2 client script; {@code mode} is its version negotiation, auto or legacy. */
    static String typescript(String url, String key, String mode) throws IOException, InterruptedException {
        if (!Files.exists(DIR.resolve("node_modules/.package-lock.json"))) {
            run(DIR, List.of("npm", "ci", "--no-audit", "--no-fund"), 10);
        }
        return run(DIR, List.of("node", "triage-client.mjs", url, key, mode), 2);
    }

    /** Runs the Python mcp 2.x client script; {@code mode} is the Client's mode, auto or legacy. */
    static String python(String url, String key, String mode) throws IOException, InterruptedException {
        Path stamp = VENV.resolve("requirements.sha256");
        String hash = sha256(Files.readAllBytes(REQUIREMENTS));
        if (!Files.exists(stamp) || !Files.readString(stamp).equals(hash)) {
            run(DIR, List.of("python3", "-m", "venv", "--clear", VENV.toString()), 2);
            run(DIR, List.of(VENV.resolve("bin/pip").toString(), "install", "-q", "-r", REQUIREMENTS.toString()), 10);
            Files.writeString(stamp, hash);
        }
        return run(DIR, List.of(VENV.resolve("bin/python").toString(), "triage_client.py", url, key, mode), 2);
    }

    /** The command's stdout; its stderr and exit code in the exception when it fails or overruns. */
    private static String run(Path dir, List<String> command, int minutes) throws IOException, InterruptedException {
        Path out = Files.createTempFile("new-era-client", ".out");
        Path err = Files.createTempFile("new-era-client", ".err");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        boolean finished = process.waitFor(minutes, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        if (!finished || process.exitValue() != 0) {
            throw new IllegalStateException(
                    command + (finished ? " exited " + process.exitValue() : " overran") + ":\n" + stdout + stderr);
        }
        return stdout;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
