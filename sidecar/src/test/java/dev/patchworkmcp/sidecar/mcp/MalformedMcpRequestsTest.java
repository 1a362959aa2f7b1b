package dev.patchworkmcp.sidecar.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.sidecar.Api;
import dev.patchworkmcp.sidecar.Api.Reply;
import dev.patchworkmcp.sidecar.RawHttp;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed JSON-RPC on {@code POST /mcp} gets the JSON-RPC error the protocol names (HTTP 400 when the body is not a
 * request at all), never a 5xx and never a SEVERE log line; a seeded generator ({@link HostileMcpMessages}) covers the
 * shapes around them. Replay a failure with {@code -Dfuzz.seed=<seed>}; {@code -Dfuzz.requests} changes the count.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MalformedMcpRequestsTest {
    private static final long SEED = Long.getLong("fuzz.seed", new Random().nextLong());
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 600);
    private static final String ADMIN = "mcp-fuzz-admin";

    @TempDir
    Path dir;

    private Sidecar sidecar;
    private final List<LogRecord> severe = new CopyOnWriteArrayList<>();
    private final Handler severeLines = new Handler() {
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
        Logger.getLogger("").addHandler(severeLines);
        SidecarConfig config = SidecarConfig.forTests(dir.resolve("m.db"));
        sidecar = Sidecar.start(config.withAccess(config.access().withAdminKey(ADMIN)));
    }

    @AfterEach
    void stop() {
        sidecar.stop();
        Logger.getLogger("").removeHandler(severeLines);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}                      | 200 | -32602",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":\"x\"}     | 200 | -32602",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":\"x\"}     | 200 | -32602",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}                      | 200 | -32602",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"get_cluster\",\"arguments\":\"x\"}} | 200 | -32602",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":5}} | 200 | -32602",
                "null                                                                        | 400 | -32600",
                "[1]                                                                         | 400 | -32600",
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}                         | 400 | -32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}                                   | 400 | -32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,                                                | 400 | -32700",
            })
    void answersMalformedJsonRpcWithTheErrorTheProtocolNames(String body, int status, int code) {
        Reply reply = post(body.strip().getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().path("error").path("code").asInt())
                .as(reply.body())
                .isEqualTo(code);
        assertThat(reply.json().path("error").path("message").asText()).isNotBlank();
        assertThat(reply.json().has("id")).as(reply.body()).isTrue();
        assertThat(severe).extracting(LogRecord::getMessage).isEmpty();
    }

    @Test
    void answersAnEmptyBodyWithAParseError() {
        Reply reply = post(new byte[0]);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").path("code").asInt()).isEqualTo(-32700);
        assertThat(severe).extracting(LogRecord::getMessage).isEmpty();
    }

    @Test
    void answersABodyCutShortWithA4xx() throws IOException {
        String head = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ADMIN
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "40\r\n{\"jsonrpc\":\"2.0\",\"id\":1,";

        int status = statusAfterHalfClose(head);

        assertThat(status).isBetween(400, 499);
        assertThat(severe).extracting(LogRecord::getMessage).isEmpty();
    }

    @Test
    void answersEveryGeneratedHostileMessageWithoutA5xxOrASevereLine() {
        HostileMcpMessages messages = new HostileMcpMessages(new Random(SEED));
        List<String> failures = new ArrayList<>();

        for (int i = 0; i < REQUESTS; i++) {
            byte[] body = messages.next();
            Reply reply = post(body);
            if (!answeredProperly(reply)) {
                failures.add("#" + i + " " + new String(body, StandardCharsets.UTF_8) + " -> " + reply.status() + " "
                        + reply.body());
            }
        }

        String replay = "seed " + SEED + " (replay with -Dfuzz.seed=" + SEED + " -Dfuzz.requests=" + REQUESTS + ")";
        assertThat(failures).as(replay).isEmpty();
        assertThat(severe).as(replay).extracting(LogRecord::getMessage).isEmpty();
        assertThat(Api.of(sidecar).bearer(ADMIN).get("/api/health").status()).isEqualTo(200);
    }

    /** 202 for an accepted notification, else a JSON-RPC answer: 200 with a result or error, 4xx with an error. */
    private static boolean answeredProperly(Reply reply) {
        if (reply.status() == 202) {
            return reply.body().isEmpty();
        }
        if (reply.status() != 200 && (reply.status() < 400 || reply.status() > 499)) {
            return false;
        }
        try {
            JsonNode body = reply.json();
            return body.path("jsonrpc").asText().equals("2.0")
                    && (reply.status() == 200 && body.has("result")
                            || body.path("error").path("code").isInt()
                                    && !body.path("error")
                                            .path("message")
                                            .asText()
                                            .isBlank());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Reply post(byte[] body) {
        String head = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ADMIN
                + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        return RawHttp.exchange(sidecar.port(), head, body);
    }

    /** Sends {@code request}, closes the sending side (the body ends early) and returns the answer's status. */
    private int statusAfterHalfClose(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", sidecar.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                line.write(b);
            }
            String statusLine = line.toString(StandardCharsets.ISO_8859_1);
            assertThat(statusLine).as("the server answered nothing").startsWith("HTTP/1.1 ");
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
