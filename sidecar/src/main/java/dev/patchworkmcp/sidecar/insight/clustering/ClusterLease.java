package dev.patchworkmcp.sidecar.insight.clustering;

import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.db.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The right to cluster new reports, for sidecars sharing one database: a lease row ({@code insight_coordination})
 * that one sidecar holds at a time and renews while it works; when its holder stops it is released, and when its
 * holder dies it expires after {@link #TTL} and another sidecar takes it. So several sidecars on one PostgreSQL
 * never embed and cluster the same reports twice. (Even if a paused holder overran its lease, assignment checks
 * inside its transaction that a report is not clustered yet.) The lease compares each sidecar's own clock with
 * the stored expiry, so replica clocks are assumed to agree within seconds. Thread-safe.
 */
final class ClusterLease {
    static final Duration TTL = Duration.ofSeconds(60);
    static final Duration RENEW_AFTER = Duration.ofSeconds(20);

    private final Database database;
    private final Clock clock;
    private final String holder = UUID.randomUUID().toString();
    private volatile Instant renewed = Instant.MIN;

    ClusterLease(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** True while this sidecar holds the lease; takes or renews it when due (one UPDATE). */
    boolean holds() {
        Instant now = clock.instant();
        if (renewed.plus(RENEW_AFTER).isAfter(now)) {
            return true;
        }
        long taken = database.write(db -> db.update(
                "UPDATE insight_coordination SET holder = ?, expires_at = ? WHERE name = 'clustering'"
                        + " AND (holder = ? OR expires_at < ?)",
                holder,
                Timestamps.format(now.plus(TTL)),
                holder,
                Timestamps.format(now)));
        renewed = taken == 1 ? now : Instant.MIN;
        return taken == 1;
    }

    /** Lets another sidecar take over at once. */
    void release() {
        renewed = Instant.MIN;
        database.write(db -> db.update(
                "UPDATE insight_coordination SET expires_at = '' WHERE name = 'clustering' AND holder = ?", holder));
    }
}
