package dev.patchworkmcp.sidecar.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.Optional;

/**
 * Guards every request before it reaches a handler: the {@code Host} header must name this sidecar (DNS
 * rebinding), {@code POST}/{@code PUT}/{@code PATCH} must carry JSON (no cross-site form posts), and the API
 * needs the right bearer key: the ingest key for {@code POST /api/feedback} and
 * {@code POST /api/calls}, the admin key for everything else
 * under {@code /api} and {@code /metrics} ({@code /api/health} stays open). Never adds CORS headers. Stateless.
 */
public final class AccessFilter implements Filter {
    private final AccessConfig access;
    private final HostCheck hosts;

    public AccessFilter(AccessConfig access, String bindHost) {
        this.access = access;
        this.hosts = new HostCheck(bindHost, access.allowedHosts());
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<ApiException> refusal = refusal(req);
        if (refusal.isPresent()) {
            ErrorResponses.send(res, refusal.get());
            return;
        }
        chain.proceed();
    }

    private Optional<ApiException> refusal(RoutingRequest req) {
        Optional<String> host = req.headers().first(HeaderNames.HOST);
        if (host.isEmpty() || !hosts.allows(host.get())) {
            return Optional.of(new ApiException(
                    403,
                    "host_not_allowed",
                    null,
                    "The Host header '" + Texts.quote(host.orElse("")) + "' does not name this sidecar; use "
                            + "http://127.0.0.1 or http://localhost, or add the name to FEEDBACK_ALLOWED_HOSTS.",
                    List.of()));
        }
        Method method = req.prologue().method();
        boolean mutating = method == Method.POST || method == Method.PUT || method == Method.PATCH;
        if (mutating && !JsonBodies.isJson(req)) {
            return Optional.of(new ApiException(
                    415,
                    "unsupported_media_type",
                    null,
                    method.text() + " requests must send 'Content-Type: application/json', got '"
                            + Texts.quote(req.headers()
                                    .first(HeaderNames.CONTENT_TYPE)
                                    .orElse("")) + "'.",
                    List.of()));
        }
        return authorization(req, method);
    }

    private Optional<ApiException> authorization(RoutingRequest req, Method method) {
        String path = req.path().path();
        boolean guarded = path.equals("/metrics") || path.startsWith("/metrics/") || path.startsWith("/api/");
        if (!guarded || path.equals("/api/health")) {
            return Optional.empty();
        }
        Optional<String> bearer = BearerToken.from(req.headers());
        boolean ingest = method == Method.POST
                && (path.equals("/api/feedback")
                        || path.equals("/api/feedback/")
                        || path.equals("/api/calls")
                        || path.equals("/api/calls/"));
        if (ingest) {
            if (access.apiKey().isEmpty()
                    || BearerToken.matches(bearer, access.apiKey())
                    || (!access.adminKey().isEmpty() && BearerToken.matches(bearer, access.adminKey()))) {
                return Optional.empty();
            }
            return Optional.of(unauthorized(bearer, "FEEDBACK_API_KEY (or the admin key)"));
        }
        if (access.adminKey().isEmpty() || BearerToken.matches(bearer, access.adminKey())) {
            return Optional.empty();
        }
        return Optional.of(unauthorized(bearer, "FEEDBACK_ADMIN_KEY"));
    }

    private static ApiException unauthorized(Optional<String> bearer, String keyName) {
        String what = bearer.isEmpty() ? "No 'Authorization: Bearer <key>' header was sent" : "The bearer key is wrong";
        return new ApiException(
                401, "unauthorized", null, what + "; send 'Authorization: Bearer <" + keyName + ">'.", List.of());
    }
}
