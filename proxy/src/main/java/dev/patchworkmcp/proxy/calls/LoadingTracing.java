package dev.patchworkmcp.proxy.calls;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A {@link CallTracing} whose SDK starts on a thread of its own, beside the upstream's start, so the proxy's start
 * does not wait for it. A {@code tools/call} that comes before the SDK is ready waits for it, so that its context
 * reaches the upstream; other requests (the opening handshake, {@code tools/list}) do not wait: their spans are
 * recorded once the SDK is there, without a context for the upstream. When the SDK cannot start, the reason is
 * logged once and nothing is traced: the session goes on. Thread-safe.
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
        CallTracing loaded = loading.getNow(null);
        if (loaded != null || "tools/call".equals(request.method())) {
            return (loaded != null ? loaded : loading.join()).start(request);
        }
        return new LateSpan(request);
    }

    /** The span of a request relayed while the SDK was loading: recorded when both have happened. */
    private final class LateSpan implements Span {
        private final TracedRequest request;

        LateSpan(TracedRequest request) {
            this.request = request;
        }

        @Override
        public String relayedText() {
            return request.text();
        }

        @Override
        public String traceId() {
            return null;
        }

        @Override
        public void end(CallRecord call) {
            loading.thenAccept(tracing -> tracing.record(request, call));
        }
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
