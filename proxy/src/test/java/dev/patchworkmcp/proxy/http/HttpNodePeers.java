package dev.patchworkmcp.proxy.http;

import dev.patchworkmcp.proxy.NpmInstall;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real MCP peers from npm for the HTTP tests (pinned in {@code src/test/http-node/package.json} and its lock
 * file): server-everything, the TypeScript SDK and the conformance suite. Installs them with {@code npm ci} when
 * {@code node_modules} is missing or older than the lock file.
 */
final class HttpNodePeers {
    static final Path DIR = Path.of("src/test/http-node").toAbsolutePath();
    private static final Path MODULES = DIR.resolve("node_modules");

    private HttpNodePeers() {}

    static void install() throws IOException, InterruptedException {
        NpmInstall.ensure(DIR);
    }

    static Path module(String path) {
        return MODULES.resolve("@modelcontextprotocol").resolve(path);
    }

    /** server-everything over stdio. */
    static List<String> everythingStdio() {
        return List.of("node", module("server-everything/dist/index.js").toString(), "stdio");
    }

    /** server-everything serving {@code mode} ({@code sse} or {@code streamableHttp}) on a free port. */
    static Remote startEverything(String mode) throws IOException, InterruptedException {
        install();
        int port = freePort();
        Path log = Files.createTempFile("everything-" + mode, ".log");
        ProcessBuilder builder = new ProcessBuilder(
                        "node", module("server-everything/dist/index.js").toString(), mode)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PORT", Integer.toString(port));
        Process process = builder.start();
        awaitListening(port, process, log);
        return new Remote(process, port, mode);
    }

    /**
     * The conformance server of the test sources ({@link ConformanceServer}, stdio) bridged to stateful Streamable
     * HTTP by supergateway on a free port: the suite's direct baseline.
     */
    static Remote startConformanceServerOverHttp() throws IOException, InterruptedException {
        install();
        int port = freePort();
        Path log = Files.createTempFile("supergateway", ".log");
        Process process = new ProcessBuilder(
                        "node",
                        MODULES.resolve("supergateway/dist/index.js").toString(),
                        "--stdio",
                        String.join(" ", conformanceServerStdio()),
                        "--outputTransport",
                        "streamableHttp",
                        "--stateful",
                        "--port",
                        Integer.toString(port),
                        "--logLevel",
                        "none")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        awaitListening(port, process, log);
        return new Remote(process, port, "streamableHttp");
    }

    /** The conformance server of the test sources as a stdio command: this JVM's java on the test class path. */
    static List<String> conformanceServerStdio() {
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                ConformanceServer.class.getName());
    }

    /** A started remote server-everything; closing stops it. */
    record Remote(Process process, int port, String mode) implements AutoCloseable {
        String url() {
            return "http://127.0.0.1:" + port + (mode.equals("sse") ? "/sse" : "/mcp");
        }

        @Override
        public void close() {
            stopTree(process);
        }
    }

    /** {@code node <script under src/test/http-node> args...}. */
    static List<String> script(String name, List<String> args) {
        List<String> command = new ArrayList<>(List.of("node", DIR.resolve(name).toString()));
        command.addAll(args);
        return command;
    }

    /** Runs a command to its end and returns its stdout; fails with its output when it exits non-zero. */
    static String run(List<String> command, Duration limit) throws IOException, InterruptedException {
        Path out = Files.createTempFile("node-out", ".txt");
        Path err = Files.createTempFile("node-err", ".txt");
        Process process = new ProcessBuilder(command)
                .directory(DIR.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            stopTree(process);
            throw new IllegalStateException(command + " ran past " + limit + ":\n" + Files.readString(err));
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    command + " exited " + process.exitValue() + ":\n" + stdout + "\n" + Files.readString(err));
        }
        return stdout;
    }

    static void stopTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void awaitListening(int port, Process process, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        stopTree(process);
        throw new IllegalStateException("the server did not listen on " + port + ": " + Files.readString(log));
    }
}
