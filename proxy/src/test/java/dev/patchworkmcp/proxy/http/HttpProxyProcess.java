package dev.patchworkmcp.proxy.http;

import dev.patchworkmcp.proxy.Main;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test-only: the real proxy ({@link Main} with {@code --serve http}) in its own JVM from the test classpath. */
record HttpProxyProcess(Process process, int port, Path stderr) implements AutoCloseable {

    /** Starts {@code patchwork proxy --serve http --port <free> <proxyArgs>} and waits until it listens. */
    static HttpProxyProcess start(Path workDir, List<String> proxyArgs) throws IOException, InterruptedException {
        int port = HttpNodePeers.freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--serve",
                "http",
                "--port",
                Integer.toString(port),
                "--sidecar",
                "http://127.0.0.1:9",
                "--outbox",
                workDir.resolve("outbox").toString()));
        command.addAll(proxyArgs);
        Path stderr = workDir.resolve("proxy-stderr.log");
        Process process = new ProcessBuilder(command)
                .redirectError(stderr.toFile())
                .redirectOutput(workDir.resolve("proxy-stdout.log").toFile())
                .start();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the proxy exited " + process.exitValue() + ": " + Files.readString(stderr));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new HttpProxyProcess(process, port, stderr);
            } catch (IOException notYet) {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        HttpNodePeers.stopTree(process);
        throw new IllegalStateException("the proxy did not listen on " + port + ": " + Files.readString(stderr));
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Upstream children still running under the proxy. */
    List<ProcessHandle> children() {
        return process.descendants().filter(ProcessHandle::isAlive).toList();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                HttpNodePeers.stopTree(process);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            HttpNodePeers.stopTree(process);
        }
    }
}
