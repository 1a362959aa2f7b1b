package dev.patchworkmcp.proxy.calls;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A {@link CallTracing} whose SDK starts on a thread of its own once the session is up: after the first
 * {@code tools/list} has been answered, or {@link #GRACE} after the proxy started, so that loading it does not
 * compete with the opening handshake for the CPU. A {@code tools/call} that comes before the SDK is ready starts
 * the loading at once and waits for it, so that its context reaches the upstream; other requests (the handshake,
 * {@code tools/list}) do not wait: their spans are recorded once the SDK is there, without a context for the
 * upstream. When the SDK cannot start, the reason is logged once and nothing is traced: the session goes on.
 * Thread-safe.
 */
final class LoadingTracing implements CallTracing {

    private static final System.Logger LOG = System.getLogger(LoadingTracing.class.getName());

    /** The longest the SDK waits for the session to come up before it loads anyway. */
    static final Duration GRACE = Duration.ofSeconds(1);

    private final CompletableFuture<CallTracing> loading = new CompletableFuture<>();
    private final CountDownLatch sessionUp = new CountDownLatch(1);

    private LoadingTracing() {}

    /** Starts the SDK's loader thread, which loads it once the session is up, and returns at once. */
    static LoadingTracing start(Supplier<CallTracing> loader) {
        LoadingTracing tracing = new LoadingTracing();
        Thread.ofPlatform().name("patchwork-otel-loader").daemon(true).start(() -> {
            try {
                tracing.sessionUp.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
        if (loaded != null) {
            return loaded.start(request);
        }
        if ("tools/call".equals(request.method())) {
            sessionUp.countDown();
            return loading.join().start(request);
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
            if ("tools/list".equals(request.method())) {
                sessionUp.countDown();
            }
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
