package dev.patchworkmcp.proxy.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Opt-in CORS for browser MCP clients ({@code --cors-origin}): for a request from one of the configured origins it
 * names that origin in {@code Access-Control-Allow-Origin} and exposes {@code Mcp-Session-Id} (which a browser
 * script could not read otherwise), and it answers preflight {@code OPTIONS} requests. With no origins configured
 * it adds nothing, as before. Never a wildcard: every origin is named. Thread-safe (immutable).
 */
final class CorsPolicy {
    static final HeaderName REQUEST_METHOD = HeaderNames.create("Access-Control-Request-Method");
    private static final HeaderName ALLOW_ORIGIN = HeaderNames.create("Access-Control-Allow-Origin");
    private static final HeaderName ALLOW_METHODS = HeaderNames.create("Access-Control-Allow-Methods");
    private static final HeaderName ALLOW_HEADERS = HeaderNames.create("Access-Control-Allow-Headers");
    private static final HeaderName EXPOSE_HEADERS = HeaderNames.create("Access-Control-Expose-Headers");
    private static final HeaderName MAX_AGE = HeaderNames.create("Access-Control-Max-Age");
    private static final String METHODS = "GET, POST, DELETE, OPTIONS";
    private static final String HEADERS =
            "Content-Type, Accept, Authorization, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID";
    private static final String EXPOSED = "Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate";

    private final Set<String> origins;

    CorsPolicy(List<String> origins) {
        this.origins = origins.stream().map(CorsPolicy::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /** True when {@code origin} (an {@code Origin} header) is one CORS is enabled for. */
    boolean allows(String origin) {
        return origin != null && origins.contains(normalize(origin));
    }

    /** True for a CORS preflight: {@code OPTIONS} with {@code Access-Control-Request-Method}. */
    static boolean isPreflight(RoutingRequest req) {
        return req.prologue().method().equals(Method.OPTIONS) && req.headers().contains(REQUEST_METHOD);
    }

    /** Adds the headers that let a script from {@code origin} read the response. */
    void decorate(RoutingResponse res, String origin) {
        res.header(ALLOW_ORIGIN, origin);
        res.header(HeaderNames.VARY, "Origin");
        res.header(EXPOSE_HEADERS, EXPOSED);
    }

    /** Answers a preflight from an allowed origin: 204 with the methods and headers MCP uses. */
    void answerPreflight(RoutingResponse res, String origin) {
        decorate(res, origin);
        res.header(ALLOW_METHODS, METHODS);
        res.header(ALLOW_HEADERS, HEADERS);
        res.header(MAX_AGE, "600");
        res.status(Status.NO_CONTENT_204).send();
    }

    /**
     * Checks one {@code --cors-origin} value: {@code scheme://host[:port]}, no path, no wildcard.
     *
     * @throws IllegalArgumentException naming the value and what to pass instead
     */
    static void validate(String origin) {
        String hint = "; pass an origin such as https://app.example.com or http://localhost:5173";
        if (origin == null || origin.isBlank() || origin.contains("*")) {
            throw new IllegalArgumentException(
                    "--cors-origin '" + origin + "' is not allowed: name each origin, no wildcard" + hint);
        }
        try {
            URI uri = URI.create(origin.strip());
            String path = uri.getRawPath();
            if (uri.getScheme() == null
                    || uri.getHost() == null
                    || !(path == null || path.isEmpty() || path.equals("/"))
                    || uri.getRawQuery() != null) {
                throw new IllegalArgumentException("--cors-origin '" + origin + "' is not an origin" + hint);
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("--cors-origin")) {
                throw e;
            }
            throw new IllegalArgumentException("--cors-origin '" + origin + "' is not an origin" + hint, e);
        }
    }

    private static String normalize(String origin) {
        String lower = origin.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
