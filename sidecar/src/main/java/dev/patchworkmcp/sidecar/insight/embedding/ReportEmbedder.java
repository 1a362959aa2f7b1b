package dev.patchworkmcp.sidecar.insight.embedding;

import dev.langchain4j.data.segment.TextSegment;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
     * The text that stands for a report: what the agent needed carries the gap, the suggestion sharpens it. What
     * the agent tried is left out: agents often write the same sentence there ("looked through the available
     * tools"), which pulled unrelated reports together in the cluster benchmark (bench/README.md). The model
     * reads at most {@value #WINDOW_TOKENS} tokens and drops the rest without notice, so each part is cut here,
     * on word boundaries, to a share of that window: the need keeps {@value #NEED_WORDS} words, the suggestion
     * what is left, and a long suggestion can never push the need out.
     */
    public static String textOf(String whatINeeded, String suggestion) {
        String need = firstWords(whatINeeded, NEED_WORDS);
        String hint = firstWords(suggestion, TEXT_WORDS - words(need));
        String text = hint.isEmpty() ? need : need.isEmpty() ? hint : need + "\n" + hint;
        return text.isEmpty() ? "(empty report)" : text;
    }

    /** The model's input window, in word pieces. */
    static final int WINDOW_TOKENS = 128;
    /** Words that fit the window with room to spare (English runs at about 1.3 word pieces a word). */
    static final int TEXT_WORDS = 90;

    static final int NEED_WORDS = 60;

    private static String firstWords(String text, int limit) {
        if (text == null || text.isBlank() || limit <= 0) {
            return "";
        }
        String[] words = text.strip().split("\\s+");
        return words.length <= limit ? String.join(" ", words) : String.join(" ", Arrays.copyOf(words, limit));
    }

    private static int words(String text) {
        return text.isEmpty() ? 0 : text.split("\\s+").length;
    }

    public UnitVector embed(String text) {
        return call(thread, () -> UnitVector.of(model.embed(text).content().vector()));
    }

    /** Stops the embedding thread and frees the model (each sidecar loads its own, about 25 MB). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
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
