package dev.patchworkmcp.proxy.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLException;

/**
 * What the two remote upstreams share: an HTTP/1.1 client, requests that carry the configured extra headers
 * (whose values are never logged or quoted), and short readable excerpts of failed answers. Thread-safe.
 */
final class RemoteRequests {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int EXCERPT_CHARS = 300;

    private RemoteRequests() {}

    /**
     * The process's one client for remote upstreams, made on first use. Every session shares its selector thread,
     * its connection pool and its executor (virtual threads): a client per session cost a selector thread and a
     * pool of worker threads each, 318 threads and about 400 MB of RSS for 100 sessions (bench/README.md, "Soak").
     * Sessions never shut it down; they interrupt their own threads instead ({@link SessionThreads}).
     */
    static HttpClient client() {
        return Shared.CLIENT;
    }

    private static final class Shared {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /**
     * A request to {@code url} with the extra headers; fails naming the header (never its value) when the JDK
     * refuses one, e.g. {@code Host}.
     */
    static HttpRequest.Builder request(URI url, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url);
        headers.forEach((name, value) -> {
            try {
                builder.header(name, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the header \"" + name + "\" cannot be sent to " + url
                        + " (the HTTP client manages it itself, or its name or value is malformed); remove it from"
                        + " --header");
            }
        });
        return builder;
    }

    /** Checks the headers up front so a bad one fails at start, not on the first message. */
    static void validate(URI url, Map<String, String> headers) {
        if (url.getScheme() == null
                || !(url.getScheme().equalsIgnoreCase("http") || url.getScheme().equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException(
                    "the upstream URL must start with http:// or https://, got \"" + url + "\"");
        }
        request(url, headers).build();
    }

    /**
     * Why {@code url} could not be reached, named (host not found, connection refused, TLS, timeout) with what to
     * check; the JDK's own messages for these are often null.
     */
    static String unreachable(URI url, IOException failure) {
        return "the remote MCP server " + url + " could not be reached: " + cause(url, failure);
    }

    private static String cause(URI url, IOException failure) {
        String hostPort = url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            switch (cause) {
                case UnresolvedAddressException e -> {
                    return "host \"" + url.getHost() + "\" not found; check the host name in --url";
                }
                case UnknownHostException e -> {
                    return "host \"" + url.getHost() + "\" not found; check the host name in --url";
                }
                case HttpConnectTimeoutException e -> {
                    return "connecting to " + hostPort + " timed out after " + CONNECT_TIMEOUT.toSeconds()
                            + " s; check that the host is up and no firewall drops the connection";
                }
                case HttpTimeoutException e -> {
                    return "the request timed out; check that the server is running and answering";
                }
                case SSLException e -> {
                    return "the TLS handshake with " + hostPort + " failed (" + e.getMessage() + "); check the"
                            + " scheme (https:// against a plain HTTP server fails so) and the server's certificate";
                }
                default -> {}
            }
        }
        if (failure instanceof ConnectException) {
            return "connection refused by " + hostPort + "; check the port and that the server is running";
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")")
                + "; check the URL and that the server is running";
    }

    static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    }

    /** The first few hundred characters of a failed answer's body, for an error message. */
    static String excerpt(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            String text = new String(body.readNBytes(EXCERPT_CHARS), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "" : ": " + text;
        } catch (IOException e) {
            return "";
        }
    }

    static String readAll(HttpResponse<InputStream> response) throws IOException {
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
