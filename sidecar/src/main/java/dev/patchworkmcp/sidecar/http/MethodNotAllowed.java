package dev.patchworkmcp.sidecar.http;

import io.helidon.common.uri.UriPath;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells a wrong method on a known path (405 with an {@code Allow} header) from an unknown path (404), in the one
 * JSON error shape. Helidon answers both with 404, because it only looks for a route that takes the method. So
 * this records every route as the services register it (through {@link #recording}), with the service prefixes
 * it sits under, and the {@link #fallback()} handler, registered after the API's routes, asks those routes which
 * methods they would have taken for the request's path, using Helidon's own path matching. Routes that take
 * every method (catch-alls) say nothing about a path and are left out. Thread-safe once the routing is built.
 */
public final class MethodNotAllowed {
    /** The methods the API might route; a route taking all of them is a catch-all. */
    static final List<Method> METHODS =
            List.of(Method.GET, Method.HEAD, Method.POST, Method.PUT, Method.PATCH, Method.DELETE, Method.OPTIONS);

    private final List<Recorded> routes = new CopyOnWriteArrayList<>();
    private final AtomicInteger slots = new AtomicInteger();

    /**
     * A route, the path prefixes of the services it was registered under (outermost first), and the slot of its
     * top-level registration: Helidon asks services for their routes only when it builds the routing, so the
     * slot, taken at registration, is what keeps the routing order.
     */
    record Recorded(int slot, List<PathMatcher> prefixes, HttpRoute route) {
        Recorded {
            prefixes = List.copyOf(prefixes);
        }
    }

    /** {@code routing}, recording every route registered through it, including those of its services. */
    public HttpRouting.Builder recording(HttpRouting.Builder routing) {
        return new RecordingRouting(routing, this);
    }

    /** The routes recorded so far, in registration order. */
    List<Recorded> routes() {
        return List.copyOf(routes);
    }

    /** The next place in the routing order, taken by each top-level registration. */
    int nextSlot() {
        return slots.getAndIncrement();
    }

    void record(int slot, List<PathMatcher> prefixes, HttpRoute route) {
        routes.add(new Recorded(slot, prefixes, route));
    }

    static List<PathMatcher> with(List<PathMatcher> prefixes, String pathPattern) {
        List<PathMatcher> longer = new ArrayList<>(prefixes);
        longer.add(PathMatchers.create(pathPattern));
        return longer;
    }

    /**
     * The handler for requests no route took: 405 when routes registered before this call serve the path with
     * other methods, 404 otherwise. Routes registered after it (e.g. static content at "/") are not asked.
     */
    public Handler fallback() {
        int slot = nextSlot();
        return (req, res) ->
                answer(routes().stream().filter(route -> route.slot() < slot).toList(), req, res);
    }

    private static void answer(List<Recorded> known, ServerRequest req, ServerResponse res) {
        Method method = req.prologue().method();
        String path = req.path().absolute().path();
        List<String> allowed = allowed(known, req.prologue());
        if (allowed.isEmpty() || allowed.contains(method.text())) {
            throw new ApiException(
                    404,
                    "not_found",
                    null,
                    "There is no " + Texts.quote(method.text()) + " " + Texts.quote(path)
                            + " endpoint; see the API table in docs/api.md.",
                    List.of());
        }
        res.header(HeaderNames.ALLOW, String.join(", ", allowed));
        ErrorResponses.send(
                res,
                new ApiException(
                        405,
                        "method_not_allowed",
                        null,
                        Texts.quote(method.text()) + " is not allowed on " + Texts.quote(path) + "; it accepts "
                                + String.join(", ", allowed) + " (see the API table in docs/api.md).",
                        allowed));
    }

    /** The methods some recorded route would take for the request's path, in {@link #METHODS} order. */
    static List<String> allowed(List<Recorded> known, HttpPrologue prologue) {
        List<String> allowed = new ArrayList<>();
        for (Method candidate : METHODS) {
            HttpPrologue asked = withMethod(prologue, candidate);
            if (known.stream().anyMatch(route -> !catchAll(route, asked) && takes(route, asked))) {
                allowed.add(candidate.text());
            }
        }
        return allowed;
    }

    private static boolean catchAll(Recorded route, HttpPrologue prologue) {
        return METHODS.stream().allMatch(method -> takes(route, withMethod(prologue, method)));
    }

    private static HttpPrologue withMethod(HttpPrologue prologue, Method method) {
        return HttpPrologue.create(
                prologue.rawProtocol(),
                prologue.protocol(),
                prologue.protocolVersion(),
                method,
                prologue.uriPath(),
                prologue.query(),
                prologue.fragment());
    }

    /** Whether Helidon would hand this request to the route: the service prefixes first, then the route itself. */
    private static boolean takes(Recorded recorded, HttpPrologue prologue) {
        UriPath path = prologue.uriPath();
        for (PathMatcher prefix : recorded.prefixes()) {
            PathMatchers.PrefixMatchResult match = prefix.prefixMatch(path);
            if (!match.accepted()) {
                return false;
            }
            path = match.unmatchedPath();
        }
        return recorded.route().accepts(prologue.withUriPath(path)).accepted();
    }
}
