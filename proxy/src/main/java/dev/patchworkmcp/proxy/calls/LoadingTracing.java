package dev.patchworkmcp.proxy.calls;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A {@link CallTracing} whose SDK starts on a thread of its own, beside the upstream's start, so the proxy's start
 * does not wait for it; the first traced request waits for it instead. When it cannot start, the reason is logged
 * once and nothing is traced: the session goes on. Thread-safe.
 */
final class LoadingTracing implements CallTracing {

    private static final System.Logger LOG = System.getLogger(LoadingTracing.class.getName());

    private final CompletableFuture<CallTracing> loading = new CompletableFuture<>();

    private LoadingTracing() {}

    /** Starts loading the SDK on a thread of its own and returns at once. */
    static LoadingTracing start(Supplier<CallTracing> loader) {
        LoadingTracing tracing = new LoadingTracing();
        Thread.ofPlatform().name("patchwork-otel-loader").daemon(true).start(() -> {
            try {
                tracing.loading.complete(loader.get());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; calls are not traced");
                tracing.loading.complete(NONE);
            }
        });
        return tracing;
    }

    @Override
    public Span start(TracedRequest request) {
        return loading.join().start(request);
    }

    @Override
    public void close() {
        try {
            loading.get(10, TimeUnit.SECONDS).close();
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "OpenTelemetry did not start in time to be closed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
