package dev.patchworkmcp.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenTelemetry Collector (OTLP receiver, debug exporter) built from its Go modules by
 * {@code src/test/otelcol} on first use and cached in {@code ~/.cache/patchwork-otelcol}; what it receives is read
 * from its log.
 */
final class OtelCollector implements AutoCloseable {

    private static final String VERSION = "v0.165.0";
    private static final Path SOURCE = Path.of("src/test/otelcol").toAbsolutePath();
    private static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "patchwork-otelcol");

    private final Process process;
    private final Path log;
    private final int grpcPort;
    private final int httpPort;

    private OtelCollector(Process process, Path log, int grpcPort, int httpPort) {
        this.process = process;
        this.log = log;
        this.grpcPort = grpcPort;
        this.httpPort = httpPort;
    }

    /** Builds the collector once per version of its sources (a few minutes, then cached). */
    static synchronized Path binary() throws IOException, InterruptedException {
        Path binary = CACHE.resolve("otelcol-" + VERSION + "-" + sourceDigest());
        if (Files.isExecutable(binary)) {
            return binary;
        }
        Files.createDirectories(CACHE);
        Path buildLog = Files.createTempFile("otelcol-build", ".log");
        Process build = new ProcessBuilder("go", "build", "-o", binary.toString(), ".")
                .directory(SOURCE.toFile())
                .redirectErrorStream(true)
                .redirectOutput(buildLog.toFile())
                .start();
        if (!build.waitFor(15, TimeUnit.MINUTES) || build.exitValue() != 0) {
            build.destroyForcibly();
            throw new IOException("building the OpenTelemetry Collector failed: " + Files.readString(buildLog));
        }
        return binary;
    }

    private static String sourceDigest() throws IOException {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            for (String file : List.of("main.go", "go.mod", "go.sum")) {
                digest.update(Files.readAllBytes(SOURCE.resolve(file)));
            }
            return java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static OtelCollector start(Path dir) throws Exception {
        int grpc = freePort();
        int http = freePort();
        Path config = dir.resolve("otelcol.yaml");
        Files.writeString(config, """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:%d
                      http:
                        endpoint: 127.0.0.1:%d
                exporters:
                  debug:
                    verbosity: detailed
                service:
                  telemetry:
                    metrics:
                      level: none
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [debug]
                    metrics:
                      receivers: [otlp]
                      exporters: [debug]
                """.formatted(grpc, http));
        Path log = dir.resolve("otelcol.log");
        Process process = new ProcessBuilder(binary().toString(), "--config", "file:" + config)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        OtelCollector collector = new OtelCollector(process, log, grpc, http);
        collector.awaitListening();
        return collector;
    }

    /** The OTLP/HTTP base URL. */
    String httpEndpoint() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The OTLP/gRPC URL. */
    String grpcEndpoint() {
        return "http://127.0.0.1:" + grpcPort;
    }

    /** Everything the debug exporter wrote so far. */
    String received() throws IOException {
        return Files.readString(log);
    }

    /** Polls the log until it holds every one of {@code parts}. */
    String awaitReceived(List<String> parts) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String text = received();
            if (parts.stream().allMatch(text::contains)) {
                return text;
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("the collector did not receive " + parts + " within 60 s; its log:\n" + text);
            }
            Object pause = new Object();
            synchronized (pause) {
                pause.wait(100);
            }
        }
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), httpPort)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IOException("the collector did not start: " + received());
                }
                Object pause = new Object();
                synchronized (pause) {
                    pause.wait(50);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
