package dev.patchworkmcp.sidecar.insight.embedding;

import dev.langchain4j.data.segment.TextSegment;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Turns a report into a {@link UnitVector} with all-MiniLM-L6-v2 (quantized), which ships inside its Maven
 * artifact and runs in-process on ONNX Runtime: no network, no API key. The model loads once (about a
 * second). Every embedding runs on one dedicated daemon thread at a low CPU priority (see
 * {@link LowPriority}), one text at a time on one core, so clustering never competes with ingest for the CPU:
 * it gets what is left. Thread-safe (callers queue for the one thread).
 */
public final class ReportEmbedder implements AutoCloseable {
    /** Recorded next to every stored vector, so a model change can be detected and re-embedded. */
    public static final String MODEL = "all-minilm-l6-v2-q";

    private static final System.Logger LOG = System.getLogger(ReportEmbedder.class.getName());

    private final OneThreadMiniLm model;
    private final ExecutorService thread;

    private ReportEmbedder(OneThreadMiniLm model, ExecutorService thread) {
        this.model = model;
        this.thread = thread;
    }

    public static ReportEmbedder open() {
        ExecutorService thread = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("patchwork-embedder").factory());
        boolean lowered = call(thread, LowPriority::lowerCurrentThread);
        LOG.log(
                System.Logger.Level.DEBUG,
                lowered
                        ? "Embedding runs at nice " + LowPriority.NICE
                        : "Embedding runs at normal priority (setpriority unavailable)");
        return new ReportEmbedder(call(thread, OneThreadMiniLm::load), thread);
    }

    private static <T> T call(ExecutorService thread, Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, thread).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * The text that stands for a report: what the agent needed carries the gap; the suggestion and the
     * agent's own attempt sharpen it. Blank parts are left out.
     */
    public static String textOf(String whatINeeded, String whatITried, String suggestion) {
        StringBuilder text = new StringBuilder(whatINeeded == null ? "" : whatINeeded.strip());
        for (String part : new String[] {suggestion, whatITried}) {
            if (part != null && !part.isBlank()) {
                text.append('\n').append(part.strip());
            }
        }
        return text.isEmpty() ? "(empty report)" : text.toString();
    }

    public UnitVector embed(String text) {
        return call(thread, () -> UnitVector.of(model.embed(text).content().vector()));
    }

    /** Stops the embedding thread and frees the model (each sidecar loads its own, about 25 MB). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        model.close();
    }

    public List<UnitVector> embedAll(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return call(
                thread,
                () -> model.embedAll(segments).content().stream()
                        .map(embedding -> UnitVector.of(embedding.vector()))
                        .toList());
    }
}
