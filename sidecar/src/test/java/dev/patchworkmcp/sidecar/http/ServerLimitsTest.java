package dev.patchworkmcp.sidecar.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.patchworkmcp.sidecar.Api;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Floods and slow clients against a real sidecar over loopback: the connection bound holds, unfinished requests and
 * idle connections are closed, and the server accepts again once a flood ends.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ServerLimitsTest {
    private static final String PARTIAL_HEAD = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n";
    private static final String FULL_REQUEST = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    @TempDir
    Path dir;

    private Sidecar sidecar;
    private final List<Socket> sockets = new ArrayList<>();

    private Sidecar start(ServerLimits limits) {
        sidecar = Sidecar.start(SidecarConfig.forTests(dir.resolve("t.db")).withLimits(limits));
        return sidecar;
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (sidecar != null) {
            sidecar.stop();
        }
    }

    @Test
    void holdsNoMoreConnectionsThanTheBoundDuringAFloodAndAcceptsAgainAfterIt() throws Exception {
        start(new ServerLimits(40, Duration.ofMinutes(5), Duration.ofMinutes(5)));
        int before = openDescriptors();

        for (int i = 0; i < 300; i++) {
            Socket socket = open();
            socket.getOutputStream().write(PARTIAL_HEAD.getBytes(StandardCharsets.US_ASCII));
        }
        int flood = settledDescriptors();
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();

        // This JVM holds both ends: the flood's 300 client sockets plus what the server accepted.
        assertThat(flood - before - 300)
                .as("server-side connections during the flood")
                .isBetween(35, 50);
        assertThat(Api.of(sidecar).get("/api/health").status()).isEqualTo(200);
    }

    @Test
    void closesAConnectionWhoseHeadersNeverFinish() throws Exception {
        start(new ServerLimits(100, Duration.ofMinutes(5), Duration.ofSeconds(1)));
        Socket socket = open();

        socket.getOutputStream().write(PARTIAL_HEAD.getBytes(StandardCharsets.US_ASCII));

        assertThat(closedByServer(socket)).isTrue();
    }

    @Test
    void closesAKeptAliveConnectionThatStaysIdle() throws Exception {
        start(new ServerLimits(100, Duration.ofSeconds(1), Duration.ofMinutes(5)));
        Socket socket = open();

        socket.getOutputStream().write(FULL_REQUEST.getBytes(StandardCharsets.US_ASCII));
        String answer = readSome(socket);

        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(closedByServer(socket)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/health", "/api/nothing-here", "/api/feedback/no-such-report", "/index.html"})
    void closesTheConnectionAfterAnsweringConnectionClose(String path) throws Exception {
        start(ServerLimits.DEFAULTS);
        Socket socket = open();

        socket.getOutputStream()
                .write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));

        assertThat(readSome(socket)).startsWith("HTTP/1.1 ");
        assertThat(closedByServer(socket)).isTrue();
    }

    @Test
    void neverBoundsConnectionsAtOrAboveTheDescriptorLimit() {
        ServerLimits limits = new ServerLimits(Integer.MAX_VALUE, Duration.ofSeconds(1), Duration.ofSeconds(1));

        long descriptors =
                ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();

        assertThat((long) limits.connectionBound())
                .isPositive()
                .isLessThanOrEqualTo(descriptors - ServerLimits.RESERVED_DESCRIPTORS);
    }

    private Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", sidecar.port());
        sockets.add(socket);
        return socket;
    }

    /** Reads what has arrived (the answer to one small request). */
    private static String readSome(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        byte[] buffer = new byte[8192];
        int read = socket.getInputStream().read(buffer);
        return read < 0 ? "" : new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
    }

    /** True when the server closes the connection within 20 seconds (end of stream or a reset). */
    private static boolean closedByServer(Socket socket) throws IOException {
        socket.setSoTimeout(20_000);
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // drain whatever is left of an answer
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    /** The open descriptor count once it has stopped changing (the server accepts the flood asynchronously). */
    private static int settledDescriptors() throws InterruptedException {
        IntSupplier count = ServerLimitsTest::openDescriptors;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int last = count.getAsInt();
        int stableRounds = 0;
        while (stableRounds < 10 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
            int now = count.getAsInt();
            stableRounds = now == last ? stableRounds + 1 : 0;
            last = now;
        }
        return last;
    }

    private static int openDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
