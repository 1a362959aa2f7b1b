package dev.patchworkmcp.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A raw JSON-RPC client over a process's stdin/stdout, for tests that look at the wire itself: it keeps every
 * stdout line as received, and waits for messages with a deadline (never a fixed sleep).
 */
public final class JsonRpcPeer implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Process process;
    private final OutputStream stdin;
    private final List<String> lines = new ArrayList<>();
    private final List<JsonNode> messages = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger(1000);
    private boolean eof;

    private JsonRpcPeer(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread.ofPlatform().daemon(true).name("peer-stdout").start(this::pump);
    }

    public static JsonRpcPeer start(List<String> command, Path stderr) throws IOException {
        return start(command, stderr, java.util.Map.of());
    }

    /** As {@link #start(List, Path)}, with {@code env} added to the process's environment. */
    public static JsonRpcPeer start(List<String> command, Path stderr, java.util.Map<String, String> env)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().putAll(env);
        return new JsonRpcPeer(builder.start());
    }

    Process process() {
        return process;
    }

    void send(String message) throws IOException {
        stdin.write((message + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    void send(JsonNode message) throws IOException {
        send(JSON.writeValueAsString(message));
    }

    /** Sends a request with a fresh numeric id and returns the whole response message. */
    public JsonNode request(String method, JsonNode params) throws IOException, InterruptedException {
        int id = ids.incrementAndGet();
        return request(id, method, params);
    }

    JsonNode request(int id, String method, JsonNode params) throws IOException, InterruptedException {
        sendRequest(id, method, params);
        return await(m -> m.path("id").isInt() && m.path("id").asInt() == id && !m.has("method"));
    }

    void sendRequest(int id, String method, JsonNode params) throws IOException {
        ObjectNode request =
                JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        if (params != null) {
            request.set("params", params);
        }
        send(request);
    }

    void notify(String method, JsonNode params) throws IOException {
        ObjectNode notification = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        if (params != null) {
            notification.set("params", params);
        }
        send(notification);
    }

    /** Runs the initialize handshake, declaring {@code capabilities}; returns the initialize response. */
    public JsonNode initialize(JsonNode capabilities) throws IOException, InterruptedException {
        ObjectNode params = JSON.createObjectNode().put("protocolVersion", "2025-06-18");
        params.set("capabilities", capabilities == null ? JSON.createObjectNode() : capabilities);
        params.putObject("clientInfo").put("name", "raw-test-client").put("version", "1.2.3");
        JsonNode response = request("initialize", params);
        notify("notifications/initialized", null);
        return response;
    }

    /** The first message received so far or later that matches, within the deadline. */
    synchronized JsonNode await(Predicate<JsonNode> matcher) throws InterruptedException {
        return awaitCount(matcher, 1).get(0);
    }

    /** Waits until {@code count} received messages match; returns them in order of arrival. */
    synchronized List<JsonNode> awaitCount(Predicate<JsonNode> matcher, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<JsonNode> found = messages.stream().filter(matcher).toList();
            if (found.size() >= count) {
                return found;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || eof) {
                throw new AssertionError("expected " + count + " matching message(s), got " + found.size()
                        + (eof ? " before the peer closed its stdout" : " within " + WAIT) + "; received: "
                        + lines);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Every message received so far, in order. */
    synchronized List<JsonNode> messages() {
        return List.copyOf(messages);
    }

    /** Every stdout line received so far, as received. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits for the peer's stdout to end; returns every line it wrote. */
    synchronized List<String> awaitEndOfOutput() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!eof) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the peer did not close its stdout within " + WAIT);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(lines);
    }

    void closeStdin() throws IOException {
        stdin.close();
    }

    private void pump() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode parsed = parse(line);
                synchronized (this) {
                    lines.add(line);
                    if (parsed != null) {
                        messages.add(parsed);
                    }
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // end of output
        }
        synchronized (this) {
            eof = true;
            notifyAll();
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already closed
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
