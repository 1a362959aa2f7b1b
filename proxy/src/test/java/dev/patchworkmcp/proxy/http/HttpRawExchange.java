package dev.patchworkmcp.proxy.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test-only: plain HTTP exchanges with an MCP endpoint, to look at what a client library would hide. */
final class HttpRawExchange {
    static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{},"clientInfo":{"name":"raw-test","version":"1.0.0"}}}""";
    static final String INITIALIZED = """
            {"jsonrpc":"2.0","method":"notifications/initialized"}""";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpRawExchange() {}

    static HttpResponse<String> post(String url, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!headers.containsKey("Accept")) {
            request.header("Accept", "application/json, text/event-stream");
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> delete(String url, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).DELETE();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Initializes a session and returns its id. */
    static String initialize(String url, Map<String, String> headers) throws IOException, InterruptedException {
        HttpResponse<String> response = post(url, INITIALIZE, headers);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("initialize answered " + response.statusCode() + ": " + response.body());
        }
        String session = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(url, INITIALIZED, withSession(headers, session));
        return session;
    }

    static Map<String, String> withSession(Map<String, String> headers, String session) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Mcp-Session-Id", session);
        return all;
    }

    /** The data lines of the {@code message} events of an SSE body (priming events carry none). */
    static List<String> sseMessages(String body) {
        List<String> messages = new ArrayList<>();
        for (String line : body.split("\n")) {
            String data = sseField(line, "data");
            if (data != null && !data.isEmpty()) {
                messages.add(data);
            }
        }
        return messages;
    }

    /**
     * The value of an SSE line's field {@code name} as an event-stream parser reads it (one space after the colon
     * is not part of the value), or null when the line is not that field.
     */
    static String sseField(String line, String name) {
        if (!line.startsWith(name + ":")) {
            return null;
        }
        String value = line.substring(name.length() + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    /** A POST over a raw socket, so that the Host header can be anything; returns the status code. */
    static int statusWithHost(int port, String host, String origin, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST /mcp HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
