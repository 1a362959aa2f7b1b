package dev.patchworkmcp.sidecar.http;

import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpSecurity;
import io.helidon.webserver.http.HttpService;
import java.util.List;
import java.util.function.Supplier;

/**
 * The server's routing builder, passing everything through and telling {@link MethodNotAllowed} about each route
 * and each service (whose own routes {@link RecordingRules} records). Every convenience method of the interface
 * ends in {@link #route(HttpRoute)} or a {@code register}, so those three are all that is watched. Used while
 * the routing is built, on one thread.
 */
final class RecordingRouting implements HttpRouting.Builder {
    private final HttpRouting.Builder delegate;
    private final MethodNotAllowed table;

    RecordingRouting(HttpRouting.Builder delegate, MethodNotAllowed table) {
        this.delegate = delegate;
        this.table = table;
    }

    @Override
    public HttpRouting.Builder register(HttpService... services) {
        delegate.register(RecordingRules.wrap(services, table.nextSlot(), List.of(), table));
        return this;
    }

    @Override
    public HttpRouting.Builder register(String pathPattern, HttpService... services) {
        delegate.register(
                pathPattern,
                RecordingRules.wrap(services, table.nextSlot(), MethodNotAllowed.with(List.of(), pathPattern), table));
        return this;
    }

    @Override
    public HttpRouting.Builder route(HttpRoute route) {
        table.record(table.nextSlot(), List.of(), route);
        delegate.route(route);
        return this;
    }

    @Override
    public HttpRouting.Builder addFilter(Filter filter) {
        delegate.addFilter(filter);
        return this;
    }

    @Override
    public HttpRouting.Builder addFeature(Supplier<? extends HttpFeature> feature) {
        delegate.addFeature(feature);
        return this;
    }

    @Override
    public <T extends Throwable> HttpRouting.Builder error(Class<T> exceptionClass, ErrorHandler<? super T> handler) {
        delegate.error(exceptionClass, handler);
        return this;
    }

    @Override
    public HttpRouting.Builder maxReRouteCount(int maxReRouteCount) {
        delegate.maxReRouteCount(maxReRouteCount);
        return this;
    }

    @Override
    public HttpRouting.Builder security(HttpSecurity security) {
        delegate.security(security);
        return this;
    }

    @Override
    public HttpRouting.Builder copy() {
        return new RecordingRouting(delegate.copy(), table);
    }

    @Override
    public HttpRouting build() {
        return delegate.build();
    }
}
