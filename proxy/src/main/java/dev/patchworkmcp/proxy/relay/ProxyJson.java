package dev.patchworkmcp.proxy.relay;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The one Jackson {@link ObjectMapper} of a proxy process: made by the composition root and handed to every part
 * that reads or writes JSON trees (the relay, the upstream transports, the HTTP front end, the feedback tool).
 * Floats are read as {@link java.math.BigDecimal} so that a tree written back keeps every digit it was given. The
 * mapper is built on a background thread ({@link #load}), since the first messages of a session pass through
 * without it; {@link #mapper()} waits for it. Thread-safe.
 */
public final class ProxyJson {

    private final CompletableFuture<ObjectMapper> mapper;

    private ProxyJson(CompletableFuture<ObjectMapper> mapper) {
        this.mapper = mapper;
    }

    /** Starts building the mapper on a background thread and returns at once. */
    public static ProxyJson load() {
        return new ProxyJson(CompletableFuture.supplyAsync(ProxyJson::newMapper, ProxyJson::loader));
    }

    /** A mapper made already (the tests' own). */
    public static ProxyJson of(ObjectMapper mapper) {
        return new ProxyJson(CompletableFuture.completedFuture(mapper));
    }

    /** The mapper, waiting for it to be built. */
    public ObjectMapper mapper() {
        return mapper.join();
    }

    /** What {@code make} builds from the mapper, computed on the loading thread once the mapper is ready. */
    public <T> CompletableFuture<T> then(Function<ObjectMapper, T> make) {
        return mapper.thenApply(make);
    }

    private static ObjectMapper newMapper() {
        return new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    private static void loader(Runnable task) {
        Thread.ofPlatform().name("patchwork-proxy-loader").daemon(true).start(task);
    }
}
