package dev.patchworkmcp.sidecar.insight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import dev.patchworkmcp.sidecar.feedback.FeedbackInput;
import dev.patchworkmcp.sidecar.insight.autodraft.AutoDraftConfig;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AutoDraftsTest {
    static final List<String> NEEDS = List.of(
            "I needed the costs for last month only, between two dates",
            "Wanted to filter get_costs to a specific date range, e.g. March 1 to March 31",
            "Needed cost data restricted to a time window instead of all time",
            "Could not limit costs to the past 7 days between two dates");

    @TempDir
    Path dir;

    Sidecar sidecar;
    DraftingFixture drafting;

    @AfterEach
    void stop() {
        if (sidecar != null) {
            sidecar.stop();
        }
        if (drafting != null) {
            drafting.close();
        }
    }

    private void start(AutoDraftConfig autoDraft) throws Exception {
        drafting = DraftingFixture.create(dir);
        sidecar = Sidecar.start(drafting.configure(SidecarConfig.forTests(dir.resolve("feedback.db")))
                .withInsight(InsightConfig.disabled().withAutoDraft(autoDraft)));
        drafting.enable(sidecar, 1);
    }

    private String report(int i) {
        String id = sidecar.parts()
                .feedback()
                .record(new FeedbackInput(
                        "costs",
                        NEEDS.get(i),
                        "get_costs returned everything",
                        "missing_parameter",
                        "Add start_date and end_date",
                        "",
                        "blocked",
                        "",
                        List.of(),
                        "s" + i,
                        "claude-code",
                        "",
                        "",
                        "",
                        "",
                        "",
                        null,
                        null))
                .id();
        while (sidecar.parts().insight().clusters().processPending() > 0) {
            // cluster it now
        }
        return id;
    }

    private List<String> history(String clusterId) {
        return sidecar.parts().insight().clusters().detail(clusterId).orElseThrow().events().stream()
                .map(ClusterEvent::kind)
                .toList();
    }

    @Test
    void draftsAClusterOnceItCrossesTheGateAndOnlyOncePerDay() throws Exception {
        start(new AutoDraftConfig(true, 3, 3));

        String first = report(0);
        String second = report(1);
        String clusterId = sidecar.parts().insight().clusters().clusterOf(first).orElseThrow();
        assertThat(history(clusterId)).doesNotContain("auto_draft");

        String third = report(2);
        List<String> events =
                Http.await(() -> history(clusterId).contains("auto_draft_result") ? history(clusterId) : null);
        String fourth = report(3);

        assertThat(drafting.modelCalls()).isEqualTo(1);
        assertThat(DraftingFixture.drafted(sidecar, first, second, third, fourth))
                .containsExactlyInAnyOrder(first, second, third);
        assertThat(sidecar.parts().drafts().list(first).getFirst().status()).isEqualTo("succeeded");
        assertThat(events).containsSubsequence("auto_draft", "auto_draft_result");
        assertThat(history(clusterId).stream().filter("auto_draft"::equals).count())
                .isEqualTo(1);
        String result = sidecar.parts().insight().clusters().detail(clusterId).orElseThrow().events().stream()
                .filter(e -> e.kind().equals("auto_draft_result"))
                .findFirst()
                .orElseThrow()
                .detail();
        assertThat(result).startsWith("drafted branch ");
    }

    @Test
    void staysOffByDefault() throws Exception {
        start(AutoDraftConfig.off());

        String first = null;
        for (int i = 0; i < NEEDS.size(); i++) {
            String id = report(i);
            first = first == null ? id : first;
        }

        String clusterId = sidecar.parts().insight().clusters().clusterOf(first).orElseThrow();
        assertThat(history(clusterId)).doesNotContain("auto_draft");
        assertThat(drafting.modelCalls()).isZero();
    }
}
