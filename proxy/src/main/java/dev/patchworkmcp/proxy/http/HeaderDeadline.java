package dev.patchworkmcp.proxy.http;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request line has arrived but whose headers have not all arrived within the timeout
 * (a slow-headers client holds a connection and a thread forever otherwise: the web server's idle check leaves a
 * request being read alone). Listens to the HTTP/1 reader of every connection. The sidecar has the same listener;
 * the modules share no server code. Thread-safe; {@link #close()} stops its timer thread.
 */
final class HeaderDeadline implements Http1ConnectionListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HeaderDeadline.class.getName());

    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private final Map<ConnectionContext, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();

    HeaderDeadline(Duration timeout) {
        this.timeout = timeout;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().daemon().name("header-deadline").factory());
        executor.setRemoveOnCancelPolicy(true);
        this.timer = Executors.unconfigurableScheduledExecutorService(executor);
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        ScheduledFuture<?> expiry = timer.schedule(() -> expire(ctx), timeout.toMillis(), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> earlier = pending.put(ctx, expiry);
        if (earlier != null) {
            earlier.cancel(false);
        }
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        ScheduledFuture<?> expiry = pending.remove(ctx);
        if (expiry != null) {
            expiry.cancel(false);
        }
    }

    private void expire(ConnectionContext ctx) {
        if (pending.remove(ctx) == null) {
            return;
        }
        LOG.log(
                System.Logger.Level.DEBUG,
                "closing a connection from {0}: its headers did not arrive within {1}",
                ctx.remotePeer().address(),
                timeout);
        ctx.serverSocket().close();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        pending.clear();
    }
}
