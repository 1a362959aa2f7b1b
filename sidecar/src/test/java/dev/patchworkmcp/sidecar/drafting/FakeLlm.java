package dev.patchworkmcp.sidecar.drafting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model provider on loopback speaking the real wire format: Anthropic Messages ({@code POST /v1/messages}) or
 * OpenAI Chat Completions ({@code POST /v1/chat/completions}). Answers from a script (a JSON answer, a refusal,
 * a truncation, a 401), records every request, and can hold an answer until a test lets it go.
 */
public final class FakeLlm implements AutoCloseable {
    enum Dialect {
        ANTHROPIC,
        OPENAI
    }

    /** One recorded request: headers and the parsed JSON body. */
    public record Request(Map<String, String> headers, JsonNode body) {}

    private enum Kind {
        ANSWER,
        REFUSAL,
        TRUNCATED,
        UNAUTHORIZED
    }

    private record Scripted(Kind kind, String text) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Dialect dialect;
    private final HttpServer server;
    private final Deque<Scripted> script = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private final CountDownLatch called = new CountDownLatch(1);
    private final AtomicInteger answered = new AtomicInteger();

    private FakeLlm(Dialect dialect) throws IOException {
        this.dialect = dialect;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeLlm anthropic() throws IOException {
        return new FakeLlm(Dialect.ANTHROPIC);
    }

    static FakeLlm openai() throws IOException {
        return new FakeLlm(Dialect.OPENAI);
    }

    /** The base URL to configure ({@code ANTHROPIC_BASE_URL} / {@code OPENAI_BASE_URL}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public synchronized FakeLlm answer(String answerJson) {
        script.add(new Scripted(Kind.ANSWER, answerJson));
        return this;
    }

    synchronized FakeLlm refuse() {
        script.add(new Scripted(Kind.REFUSAL, ""));
        return this;
    }

    synchronized FakeLlm truncate() {
        script.add(new Scripted(Kind.TRUNCATED, "{\"edits\":[{\"action\":\"create\",\"path\":\"a"));
        return this;
    }

    synchronized FakeLlm rejectKey() {
        script.add(new Scripted(Kind.UNAUTHORIZED, ""));
        return this;
    }

    /** Holds every answer until {@code release} counts down. */
    void holdUntil(CountDownLatch release) {
        this.hold = release;
    }

    /** Waits until the first request arrived. */
    boolean awaitCall(long seconds) throws InterruptedException {
        return called.await(seconds, TimeUnit.SECONDS);
    }

    /** How many answers were sent so far. */
    int answered() {
        return answered.get();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        requests.add(new Request(headers, body));
        called.countDown();
        try {
            hold.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String expected = dialect == Dialect.ANTHROPIC ? "/v1/messages" : "/v1/chat/completions";
        Scripted next;
        synchronized (this) {
            next = script.poll();
        }
        int status;
        String answer;
        if (!exchange.getRequestURI().getPath().equals(expected) || next == null) {
            status = 404;
            answer = "{\"error\":{\"message\":\"not scripted\"}}";
        } else if (next.kind() == Kind.UNAUTHORIZED) {
            status = 401;
            answer = dialect == Dialect.ANTHROPIC
                    ? "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}"
                    : "{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":\"invalid_request_error\","
                            + "\"param\":null,\"code\":\"invalid_api_key\"}}";
        } else {
            status = 200;
            answer = dialect == Dialect.ANTHROPIC ? anthropic(next, body) : openai(next, body);
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
        answered.incrementAndGet();
    }

    private static String anthropic(Scripted next, JsonNode request) {
        ObjectNode message = JSON.createObjectNode()
                .put("id", "msg_fake")
                .put("type", "message")
                .put("role", "assistant")
                .put("model", request.path("model").asText());
        var content = message.putArray("content");
        if (next.kind() != Kind.REFUSAL) {
            content.addObject().put("type", "text").put("text", next.text());
        }
        message.put(
                "stop_reason",
                switch (next.kind()) {
                    case REFUSAL -> "refusal";
                    case TRUNCATED -> "max_tokens";
                    default -> "end_turn";
                });
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", 1234).put("output_tokens", 321);
        return message.toString();
    }

    private static String openai(Scripted next, JsonNode request) {
        ObjectNode completion = JSON.createObjectNode()
                .put("id", "chatcmpl-fake")
                .put("object", "chat.completion")
                .put("created", 1_700_000_000)
                .put("model", request.path("model").asText());
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (next.kind() == Kind.REFUSAL) {
            message.putNull("content");
            message.put("refusal", "I'm sorry, I cannot help with that.");
        } else {
            message.put("content", next.text());
            message.putNull("refusal");
        }
        choice.put("finish_reason", next.kind() == Kind.TRUNCATED ? "length" : "stop");
        completion
                .putObject("usage")
                .put("prompt_tokens", 1234)
                .put("completion_tokens", 321)
                .put("total_tokens", 1555);
        return completion.toString();
    }

    @Override
    public void close() {
        hold = new CountDownLatch(0);
        server.stop(0);
    }
}
