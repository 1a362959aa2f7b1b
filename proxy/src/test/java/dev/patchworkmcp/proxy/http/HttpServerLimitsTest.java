package dev.patchworkmcp.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchworkmcp.proxy.Main;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code proxy --serve http} against slow clients and a taken port, as a real process over loopback. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpServerLimitsTest {
    private static final List<String> REMOTE = List.of("--url", "http://127.0.0.1:9/mcp");

    @TempDir
    Path dir;

    @Test
    void closesAConnectionWhoseHeadersDoNotFinishWithinTheConfiguredTimeout() throws Exception {
        List<String> args = new ArrayList<>(REMOTE);
        args.addAll(List.of("--header-timeout", "1"));
        try (HttpProxyProcess proxy = HttpProxyProcess.start(dir, args);
                Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.getOutputStream()
                    .write("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            .getBytes(StandardCharsets.US_ASCII));

            // well under the 10 s default, so only the configured 1 s can close it in time
            socket.setSoTimeout(6_000);
            assertThat(closedByServer(socket.getInputStream())).isTrue();
        }
    }

    @Test
    void closesTheConnectionAfterAnsweringARequestThatAskedForConnectionClose() throws Exception {
        try (HttpProxyProcess proxy = HttpProxyProcess.start(dir, withLongIdleTimeout());
                Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.getOutputStream().write(deleteUnknownSession("Connection: close\r\n"));

            socket.setSoTimeout(30_000);
            Answer answer = readUntilClosed(socket.getInputStream());

            assertThat(answer.text()).startsWith("HTTP/1.1 4");
            assertThat(answer.closed()).as("closed by the proxy").isTrue();
        }
    }

    @Test
    void keepsAKeptAliveConnectionOpenAfterAnsweringIt() throws Exception {
        try (HttpProxyProcess proxy = HttpProxyProcess.start(dir, withLongIdleTimeout());
                Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.getOutputStream().write(deleteUnknownSession(""));

            socket.setSoTimeout(3_000);
            Answer answer = readUntilClosed(socket.getInputStream());

            assertThat(answer.text()).startsWith("HTTP/1.1 4");
            assertThat(answer.closed()).as("closed by the proxy").isFalse();
        }
    }

    private static List<String> withLongIdleTimeout() {
        List<String> args = new ArrayList<>(REMOTE);
        args.addAll(List.of("--connection-idle-timeout", "600"));
        return args;
    }

    private static byte[] deleteUnknownSession(String extraHeaders) {
        return ("DELETE /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nMcp-Session-Id: unknown\r\n" + extraHeaders + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** What arrived before the server closed the connection or the read timed out. */
    private record Answer(String text, boolean closed) {}

    private static Answer readUntilClosed(InputStream in) throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean closed;
        try {
            in.transferTo(received);
            closed = true;
        } catch (SocketTimeoutException e) {
            closed = false;
        } catch (SocketException e) {
            closed = true;
        }
        return new Answer(received.toString(StandardCharsets.US_ASCII), closed);
    }

    @Test
    void saysInOneLineThatThePortIsTakenAndExitsNonZero() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            Path stderr = dir.resolve("stderr.txt");
            Process process = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            Main.class.getName(),
                            "--serve",
                            "http",
                            "--port",
                            Integer.toString(taken.getLocalPort()),
                            "--outbox",
                            dir.resolve("outbox").toString(),
                            "--url",
                            "http://127.0.0.1:9/mcp"))
                    .redirectError(stderr.toFile())
                    .redirectOutput(dir.resolve("stdout.txt").toFile())
                    .start();

            boolean exited = process.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }

            assertThat(exited).as("exited").isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(Files.readString(stderr).strip().lines())
                    .singleElement()
                    .asString()
                    .contains("127.0.0.1:" + taken.getLocalPort(), "--port");
        }
    }

    private static boolean closedByServer(InputStream in) throws Exception {
        try {
            while (in.read() >= 0) {
                // an error answer may come first
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }
}
