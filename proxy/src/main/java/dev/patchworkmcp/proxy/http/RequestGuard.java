package dev.patchworkmcp.proxy.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a request before it reaches MCP when its {@code Host} or {@code Origin} is not one this proxy serves
 * (403, DNS-rebinding protection), or when a bearer token is configured and the request does not carry it (401;
 * compared in constant time). For an origin CORS is enabled for ({@code --cors-origin}) it answers preflights and
 * adds the CORS headers, before the token check so a browser can read a 401 too. Thread-safe (immutable).
 */
final class RequestGuard implements Filter {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");
    private static final Set<String> WILDCARD = Set.of("0.0.0.0", "::", "[::]");

    private final Set<String> allowedHosts;
    private final Set<String> allowedOrigins;
    private final boolean anyHost;
    private final byte[] tokenDigest;
    private final CorsPolicy cors;

    RequestGuard(HttpFrontEndOptions options) {
        Set<String> hosts = new HashSet<>(LOOPBACK);
        options.allowedHosts().forEach(host -> hosts.add(host.toLowerCase(Locale.ROOT)));
        String bind = options.host().toLowerCase(Locale.ROOT);
        this.anyHost = WILDCARD.contains(bind) && options.allowedHosts().isEmpty();
        if (!WILDCARD.contains(bind)) {
            hosts.add(bind);
        }
        this.allowedHosts = Set.copyOf(hosts);
        Set<String> origins = new HashSet<>();
        options.allowedOrigins().forEach(origin -> origins.add(stripSlash(origin.toLowerCase(Locale.ROOT))));
        options.corsOrigins()
                .forEach(origin -> origins.add(stripSlash(origin.strip().toLowerCase(Locale.ROOT))));
        this.allowedOrigins = Set.copyOf(origins);
        this.tokenDigest = options.bearerToken() == null ? null : sha256(options.bearerToken());
        this.cors = new CorsPolicy(options.corsOrigins());
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String host = req.headers().first(HeaderNames.HOST).orElse("");
        if (!anyHost && !allowedHosts.contains(hostName(host))) {
            refuse(
                    res,
                    Status.FORBIDDEN_403,
                    "the Host header \"" + host + "\" is not one this proxy serves"
                            + " (DNS-rebinding protection); connect via localhost, or start the proxy with --allowed-host");
            return;
        }
        String origin = req.headers().first(HeaderNames.ORIGIN).orElse(null);
        if (origin != null && !originAllowed(origin)) {
            refuse(
                    res,
                    Status.FORBIDDEN_403,
                    "the Origin \"" + origin + "\" is not allowed (DNS-rebinding"
                            + " protection); start the proxy with --allowed-origin " + origin + " if you trust it");
            return;
        }
        if (cors.allows(origin)) {
            if (CorsPolicy.isPreflight(req)) {
                // A browser sends no credentials on a preflight; the real request still needs the token.
                cors.answerPreflight(res, origin);
                return;
            }
            cors.decorate(res, origin);
        }
        if (tokenDigest != null
                && !authorized(req.headers().first(HeaderNames.AUTHORIZATION).orElse(""))) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"patchwork-proxy\"");
            refuse(
                    res,
                    Status.UNAUTHORIZED_401,
                    "this proxy needs \"Authorization: Bearer <token>\" with the token"
                            + " it was started with (--http-token)");
            return;
        }
        chain.proceed();
    }

    private boolean originAllowed(String origin) {
        String normalized = stripSlash(origin.toLowerCase(Locale.ROOT));
        if (allowedOrigins.contains(normalized)) {
            return true;
        }
        try {
            URI uri = URI.create(normalized);
            String name = uri.getHost();
            return name != null && (anyHost || allowedHosts.contains(name));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean authorized(String header) {
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(tokenDigest, sha256(header.substring(7).strip()));
    }

    /** The host name of a {@code Host} header: without port, IPv6 kept in brackets form and bare form. */
    static String hostName(String hostHeader) {
        String value = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(0, end + 1);
        }
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    private static String stripSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }

    private static void refuse(RoutingResponse res, Status status, String message) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(JsonRpcShape.error(-32000, message));
    }

    private static byte[] sha256(String text) {
        try {
            // Hashing first makes the comparison independent of the token's length too.
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
