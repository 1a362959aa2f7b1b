package dev.patchworkmcp.sidecar.insight;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;

/**
 * Turns a report into a {@link UnitVector} with all-MiniLM-L6-v2 (quantized), which ships inside its Maven
 * artifact and runs in-process on ONNX Runtime: no network, no API key. The model loads once (about a
 * second); embedding is thread-safe.
 */
public final class ReportEmbedder {
    /** Recorded next to every stored vector, so a model change can be detected and re-embedded. */
    public static final String MODEL = "all-minilm-l6-v2-q";

    private final EmbeddingModel model;

    private ReportEmbedder(EmbeddingModel model) {
        this.model = model;
    }

    public static ReportEmbedder open() {
        return new ReportEmbedder(new AllMiniLmL6V2QuantizedEmbeddingModel());
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
        return UnitVector.of(model.embed(text).content().vector());
    }

    public List<UnitVector> embedAll(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream()
                .map(embedding -> UnitVector.of(embedding.vector()))
                .toList();
    }
}
