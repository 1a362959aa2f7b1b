package dev.patchworkmcp.sidecar.insight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchworkmcp.sidecar.insight.embedding.ReportEmbedder;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReportTextTest {

    @Test
    void embedsTheNeedAndTheSuggestionOnTwoLines() {
        String text = ReportEmbedder.textOf("  Export usage as CSV ", "export_usage(format: 'csv')");

        assertThat(text).isEqualTo("Export usage as CSV\nexport_usage(format: 'csv')");
    }

    @Test
    void aLongNeedIsCutSoTheSuggestionStillFitsTheModelsWindow() {
        String need = words("need", 200);

        String text = ReportEmbedder.textOf(need, "add a run_id filter");

        String[] lines = text.split("\n");
        assertThat(lines[0].split(" ")).hasSize(60);
        assertThat(lines[1]).isEqualTo("add a run_id filter");
    }

    @Test
    void aLongSuggestionFillsOnlyWhatTheNeedLeaves() {
        String text = ReportEmbedder.textOf("search costs by run_id", words("hint", 500));

        assertThat(text.split("\\s+")).hasSize(90);
    }

    @Test
    void anEmptyReportStillHasAText() {
        assertThat(ReportEmbedder.textOf(" ", null)).isEqualTo("(empty report)");
    }

    private static String words(String word, int count) {
        return IntStream.range(0, count).mapToObj(i -> word + i).collect(Collectors.joining(" "));
    }
}
