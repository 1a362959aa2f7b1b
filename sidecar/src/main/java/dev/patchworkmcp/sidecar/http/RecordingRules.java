package dev.patchworkmcp.sidecar.http;

import io.helidon.http.PathMatcher;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.Arrays;
import java.util.List;

/**
 * The rules a service registers its routes on, passed through to Helidon's and recorded for
 * {@link MethodNotAllowed} with the prefixes of the services around them. Used while the routing is built.
 */
final class RecordingRules implements HttpRules {
    private final HttpRules delegate;
    private final int slot;
    private final List<PathMatcher> prefixes;
    private final MethodNotAllowed table;

    private RecordingRules(HttpRules delegate, int slot, List<PathMatcher> prefixes, MethodNotAllowed table) {
        this.delegate = delegate;
        this.slot = slot;
        this.prefixes = List.copyOf(prefixes);
        this.table = table;
    }

    /** Each service wrapped so that the routes it registers are recorded under {@code prefixes}. */
    static HttpService[] wrap(HttpService[] services, int slot, List<PathMatcher> prefixes, MethodNotAllowed table) {
        return Arrays.stream(services)
                .map(service -> new RecordedService(service, slot, prefixes, table))
                .toArray(HttpService[]::new);
    }

    @Override
    public HttpRules register(HttpService... services) {
        delegate.register(wrap(services, slot, prefixes, table));
        return this;
    }

    @Override
    public HttpRules register(String pathPattern, HttpService... services) {
        delegate.register(pathPattern, wrap(services, slot, MethodNotAllowed.with(prefixes, pathPattern), table));
        return this;
    }

    @Override
    public HttpRules route(HttpRoute route) {
        table.record(slot, prefixes, route);
        delegate.route(route);
        return this;
    }

    /** A service as registered, with its lifecycle passed through. */
    private record RecordedService(HttpService service, int slot, List<PathMatcher> prefixes, MethodNotAllowed table)
            implements HttpService {
        @Override
        public void routing(HttpRules rules) {
            service.routing(new RecordingRules(rules, slot, prefixes, table));
        }

        @Override
        public void beforeStart() {
            service.beforeStart();
        }

        @Override
        public void afterStart(WebServer webServer) {
            service.afterStart(webServer);
        }

        @Override
        public void afterStop() {
            service.afterStop();
        }
    }
}
