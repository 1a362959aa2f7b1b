package dev.patchworkmcp.sidecar.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.sidecar.Api.Reply;
import dev.patchworkmcp.sidecar.RawHttp;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests the web server rejects before any route sees them (found by {@link FuzzedRequestsTest}: they used to
 * get a 400 with an empty body) answer in the API's one JSON error shape.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransportErrorsTest {
    @TempDir
    Path dir;

    private Sidecar sidecar;
    private final List<LogRecord> severe = new CopyOnWriteArrayList<>();
    private final Handler severeRecorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void start() {
        sidecar = Sidecar.start(SidecarConfig.forTests(dir.resolve("t.db")));
        Logger.getLogger("").addHandler(severeRecorder);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(severeRecorder);
        sidecar.stop();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /api/feedback/%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                "GET /api/feedback?q=%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                "GET /api/feedback HTTP/1.1\r\nHost: [::1\r\n",
                "GET /api/feedback HTTP/1.1\r\nHost: localhost:abc\r\n",
                "GET /api/feedback HTTP/1.1\r\n"
            })
    void answersMalformedHttpWithTheJsonErrorShape(String head) throws Exception {
        Reply reply = RawHttp.exchange(sidecar.port(), head + "Connection: close\r\n\r\n");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        JsonNode body = reply.json();
        assertThat(body.path("code").asText()).isEqualTo("bad_request");
        assertThat(body.path("detail").asText()).contains("not well-formed HTTP");
        assertThat(body.has("field")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "POST /api/feedback",
                "PUT /api/settings",
                "POST /api/webhooks",
                "POST /api/feedback/1/notes",
                "POST /mcp"
            })
    void answersABodyCutShortWith400(String route) throws Exception {
        String head = route + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";

        String shortLength = halfClosedExchange(head + "Content-Length: 500\r\n\r\n{\"what_i_needed\": \"a");
        String cutChunk = halfClosedExchange(head + "Transfer-Encoding: chunked\r\n\r\n40\r\n{\"what_i_needed\"");

        // The MCP endpoint names the fault in JSON-RPC's own shape (a parse error); the API in its error shape.
        String named = route.endsWith("/mcp") ? "\"code\":-32700" : "incomplete_body";
        assertThat(shortLength).startsWith("HTTP/1.1 400").contains(named);
        assertThat(cutChunk).startsWith("HTTP/1.1 400").contains(named);
        assertThat(severe).as("SEVERE log records").isEmpty();
    }

    @Test
    void answersHttp10With505InTheJsonErrorShape() throws Exception {
        String answer = halfClosedExchange("GET /api/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 505").contains("http_version_not_supported");
        assertThat(severe).as("SEVERE log records").isEmpty();
    }

    /** Sends {@code request}, closes the sending side (the body ends there), and reads the whole answer. */
    private String halfClosedExchange(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", sidecar.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
