package dev.patchworkmcp.sidecar.drafting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BranchNamesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T09:32:07Z"), ZoneOffset.UTC);

    private static SubjectReport report(String id, String gapType) {
        return new SubjectReport(id, "s", gapType, "n", "t", "", "", "", "", List.of(), List.of());
    }

    @Test
    void buildsTheNameFromReportIdGapTypeAndUtcTime() {
        String name = new BranchNames(DraftSubject.of(report("9dc05013-aaaa", "missing_tool")), CLOCK).get();

        assertThat(name).matches("patchwork/feedback-9dc05013-missing-tool-20261126-093207-[0-9a-f]{6}");
    }

    @Test
    void keepsOnlySafeCharactersFromHostileFields() {
        String name = new BranchNames(
                        DraftSubject.of(report("../../refs/heads/main", "x..y @{-1}~^:?*[\\ .lock")), CLOCK)
                .get();

        assertThat(name).matches("patchwork/feedback-[a-z0-9-]+-\\d{8}-\\d{6}-[0-9a-f]{6}");
        assertThat(name).doesNotContain("..", "@{", "~", "^", ":", "?", "*", "[", "\\", " ", ".lock");
    }

    @Test
    void givesAFreshNameOnEveryCall() {
        BranchNames names = new BranchNames(DraftSubject.of(report("r1", "missing_tool")), CLOCK);

        assertThat(names.get()).isNotEqualTo(names.get());
    }
}
