package dev.patchworkmcp.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchworkmcp.proxy.Main;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void closesAConnectionWhoseHeadersNeverFinish() throws Exception {
        try (HttpProxyProcess proxy = HttpProxyProcess.start(dir, REMOTE);
                Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.getOutputStream()
                    .write("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            .getBytes(StandardCharsets.US_ASCII));

            socket.setSoTimeout(
                    (int) HttpFrontEnd.HEADER_TIMEOUT.multipliedBy(3).toMillis());
            assertThat(closedByServer(socket.getInputStream())).isTrue();
        }
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
