package dev.patchworkmcp.sidecar.insight.clustering;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A cluster's impact score, 0 to 100, with every factor that went into it so a reviewer can see why:
 *
 * <pre>
 * score = 100 * (0.25 * frequency + 0.30 * sessions + 0.25 * blocked + 0.10 * clients + 0.10 * recency)
 * frequency = min(1, log2(1 + reports)  / log2(1 + 50))   50 reports or more count fully
 * sessions  = min(1, log2(1 + sessions) / log2(1 + 20))   20 distinct sessions or more count fully
 * blocked   = blocked reports / reports
 * clients   = min(1, distinct clients / 3)
 * recency   = 0.5 ^ (days since the last report / 7)      halves every week of silence
 * </pre>
 *
 * Distinct sessions weigh most: fifteen sessions hitting the same wall is a decision, one agent repeating
 * itself is not. Immutable.
 */
public record Severity(double score, List<Factor> factors) {
    static final int FULL_FREQUENCY = 50;
    static final int FULL_SESSIONS = 20;
    static final int FULL_CLIENTS = 3;
    static final double RECENCY_HALF_LIFE_DAYS = 7;

    public Severity {
        factors = List.copyOf(factors);
    }

    /** One term of the formula: its input, its normalised value in [0, 1], and its weight. */
    public record Factor(String name, double input, double value, double weight) {}

    public static Severity of(ClusterCounts counts, Instant now) {
        int reports = Math.max(counts.reports(), 0);
        double daysSilent = counts.lastSeen() == null
                ? 0
                : Math.max(0, Duration.between(counts.lastSeen(), now).toSeconds() / 86_400.0);
        List<Factor> factors = List.of(
                new Factor("frequency", reports, logScale(reports, FULL_FREQUENCY), 0.25),
                new Factor("sessions", counts.sessions(), logScale(counts.sessions(), FULL_SESSIONS), 0.30),
                new Factor(
                        "blocked",
                        counts.blocked(),
                        reports == 0 ? 0 : Math.min(1, (double) counts.blocked() / reports),
                        0.25),
                new Factor("clients", counts.clients(), Math.min(1, (double) counts.clients() / FULL_CLIENTS), 0.10),
                new Factor("recency", round(daysSilent), Math.pow(0.5, daysSilent / RECENCY_HALF_LIFE_DAYS), 0.10));
        double score = 0;
        for (Factor factor : factors) {
            score += factor.weight() * factor.value();
        }
        return new Severity(
                round(100 * score),
                factors.stream()
                        .map(f -> new Factor(f.name(), f.input(), round(f.value()), f.weight()))
                        .toList());
    }

    private static double logScale(int count, int full) {
        return Math.min(1, Math.log1p(Math.max(count, 0)) / Math.log1p(full));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
