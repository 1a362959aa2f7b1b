package dev.patchworkmcp.proxy.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python MCP peers of the HTTP tests ({@code src/test/python}): a server and a client of the {@code mcp}
 * 2.x SDK, in a virtual environment made from the pinned {@code requirements.txt} under {@code target/}, once per
 * JVM (again when the requirements change).
 */
final class HttpPythonPeers {
    static final Path DIR = Path.of("src/test/python").toAbsolutePath();
    private static final Path VENV = Path.of("target/python-era-venv").toAbsolutePath();
    private static boolean ready;

    private HttpPythonPeers() {}

    static synchronized void install() throws IOException, InterruptedException {
        if (ready) {
            return;
        }
        Path requirements = DIR.resolve("requirements.txt");
        Path marker = VENV.resolve("installed.txt");
        if (!Files.exists(marker) || !Files.readString(marker).equals(Files.readString(requirements))) {
            run(List.of("python3", "-m", "venv", "--clear", VENV.toString()));
            run(List.of(python(), "-m", "pip", "install", "-q", "-r", requirements.toString()));
            Files.writeString(marker, Files.readString(requirements));
        }
        ready = true;
    }

    static String python() {
        return VENV.resolve("bin/python").toString();
    }

    /** An {@code mcp} 2.x MCPServer with {@code add} and {@code slow} (progress, then a wait) over stdio. */
    static List<String> serverStdio() {
        return List.of(python(), DIR.resolve("slow_server.py").toString());
    }

    /**
     * The {@code mcp} 2.x client against {@code url} in {@code mode} ({@code auto} or {@code legacy}), calling
     * {@code tool} with the JSON {@code arguments}, then the feedback tool; its output is one JSON line.
     */
    static List<String> client(String url, String mode, String clientName, String tool, String arguments) {
        return List.of(python(), DIR.resolve("http_era_client.py").toString(), url, mode, clientName, tool, arguments);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("python-era", ".log");
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
}
