package dev.patchworkmcp.sidecar.insight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchworkmcp.sidecar.insight.clustering.ClusterCounts;
import dev.patchworkmcp.sidecar.insight.clustering.Severity;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class SeverityTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private static ClusterCounts counts(int reports, int sessions, int clients, int blocked, Instant lastSeen) {
        return new ClusterCounts(reports, sessions, clients, 1, blocked, 0, 0, reports, lastSeen, lastSeen);
    }

    @Test
    void scoresAFreshWidespreadBlockingGapAtTheTop() {
        Severity severity = Severity.of(counts(60, 25, 4, 60, NOW), NOW);

        assertThat(severity.score()).isEqualTo(100.0);
    }

    @Test
    void manySessionsOutrankOneSessionRepeatingItself() {
        Severity fifteenSessions = Severity.of(counts(15, 15, 1, 5, NOW), NOW);
        Severity oneSession = Severity.of(counts(15, 1, 1, 5, NOW), NOW);

        assertThat(fifteenSessions.score()).isGreaterThan(oneSession.score());
    }

    @Test
    void blockedReportsRaiseTheScore() {
        Severity blocked = Severity.of(counts(10, 5, 1, 10, NOW), NOW);
        Severity workedAround = Severity.of(counts(10, 5, 1, 0, NOW), NOW);

        assertThat(blocked.score() - workedAround.score()).isCloseTo(25.0, Offset.offset(1e-9));
    }

    @Test
    void recencyHalvesAfterAWeekOfSilence() {
        Severity severity = Severity.of(counts(1, 1, 1, 0, NOW.minus(Duration.ofDays(7))), NOW);

        assertThat(severity.factors())
                .filteredOn(f -> f.name().equals("recency"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.value()).isEqualTo(0.5);
                    assertThat(f.input()).isEqualTo(7.0);
                });
    }

    @Test
    void returnsEveryFactorWithItsWeightAndTheWeightsSumToOne() {
        Severity severity = Severity.of(counts(3, 2, 1, 1, NOW), NOW);

        assertThat(severity.factors())
                .extracting(Severity.Factor::name)
                .containsExactly("frequency", "sessions", "blocked", "clients", "recency");
        assertThat(severity.factors().stream()
                        .mapToDouble(Severity.Factor::weight)
                        .sum())
                .isCloseTo(1.0, Offset.offset(1e-9));
    }
}
