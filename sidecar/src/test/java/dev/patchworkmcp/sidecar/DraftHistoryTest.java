package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.sidecar.feedback.DraftRecord;
import dev.patchworkmcp.sidecar.feedback.DraftResult;
import dev.patchworkmcp.sidecar.feedback.DraftRunningException;
import dev.patchworkmcp.sidecar.feedback.DraftStore;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class DraftHistoryTest extends ApiTestBase {

    @Test
    void keepsEveryDraftAndShowsTheLatestPrUrl() {
        String id = api.record(Reports.minimal("x").toString());
        DraftStore drafts = sidecar.parts().drafts();

        DraftRecord failed = drafts.start(id, "anthropic", "claude-opus-4-6");
        drafts.fail(failed.id(), "GitHub said 403", 10, 0);
        DraftRecord ok = drafts.start(id, "openai", "gpt-5");
        drafts.succeed(ok.id(), new DraftResult("https://github.com/o/r/pull/7", "patchwork/x", "abc123", 100, 50));

        JsonNode history = api.get("/api/feedback/" + id + "/drafts").json();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("status").asText()).isEqualTo("failed");
        assertThat(history.get(0).get("error").asText()).isEqualTo("GitHub said 403");
        assertThat(history.get(1).get("pr_url").asText()).isEqualTo("https://github.com/o/r/pull/7");
        assertThat(history.get(1).get("output_tokens").asLong()).isEqualTo(50);
        JsonNode item = api.get("/api/feedback/" + id).json();
        assertThat(item.get("pr_url").asText()).isEqualTo("https://github.com/o/r/pull/7");
        assertThat(item.get("drafts")).hasSize(2);
    }

    @Test
    void refusesASecondRunningDraftOfTheSameReport() {
        String id = api.record(Reports.minimal("x").toString());
        DraftStore drafts = sidecar.parts().drafts();
        drafts.start(id, "anthropic", "m");

        assertThatThrownBy(() -> drafts.start(id, "anthropic", "m")).isInstanceOf(DraftRunningException.class);
        assertThat(drafts.running(id)).isTrue();
    }

    @Test
    void aDraftLeftRunningByAStoppedSidecarNoLongerBlocksAndIsMarkedFailed() {
        String id = api.record(Reports.minimal("x").toString());
        DraftStore longAgo = new DraftStore(
                sidecar.parts().database(),
                Clock.offset(
                        Clock.systemUTC(),
                        DraftStore.ABANDONED_AFTER.plusMinutes(5).negated()));
        DraftStore drafts = sidecar.parts().drafts();
        DraftRecord abandoned = longAgo.start(id, "anthropic", "m");

        boolean runningBefore = drafts.running(id);
        DraftRecord next = drafts.start(id, "anthropic", "m");

        assertThat(runningBefore).isFalse();
        JsonNode history = api.get("/api/feedback/" + id + "/drafts").json();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("id").asText()).isEqualTo(abandoned.id());
        assertThat(history.get(0).get("status").asText()).isEqualTo("failed");
        assertThat(history.get(0).get("error").asText()).startsWith("Abandoned");
        assertThat(history.get(1).get("id").asText()).isEqualTo(next.id());
        assertThat(drafts.running(id)).isTrue();
    }

    @Test
    void answers404ForTheDraftsOfAnUnknownReport() {
        assertThat(api.get("/api/feedback/missing/drafts").status()).isEqualTo(404);
    }
}
