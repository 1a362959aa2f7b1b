package dev.patchworkmcp.sidecar.insight.clustering;

import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.db.Dialect;
import dev.patchworkmcp.sidecar.db.Rows;
import io.helidon.dbclient.DbExecute;

/**
 * Keeps the in-memory centroids of sidecars that share one PostgreSQL database in step. Every transaction that
 * changes clusters first takes one transaction-scoped advisory lock, so cluster changes from all sidecars happen
 * one after another, then compares the shared generation (bumped by every reviewer change and re-cluster) with the
 * one this sidecar last saw: when another sidecar changed clusters since, the index must be reloaded. On SQLite,
 * one process owns the file and its index is always current, so nothing is done. Not thread-safe: used under
 * {@link ClusterService}'s lock.
 */
final class ReplicaCoordination {
    /** The advisory lock key: "patchwork clusters" as an arbitrary fixed number. */
    static final long LOCK_KEY = 0x7061_7463_6877_6b63L;

    private final boolean shared;
    private long generation = -1;

    ReplicaCoordination(Database database) {
        this.shared = database.dialect() == Dialect.POSTGRESQL;
    }

    /**
     * Called first in a cluster-changing transaction; waits for other sidecars' cluster changes to end and
     * returns true when the index must be reloaded before the change.
     */
    boolean enter(DbExecute tx) {
        if (!shared) {
            return false;
        }
        tx.get("SELECT pg_advisory_xact_lock(?) IS NULL AS locked", LOCK_KEY);
        long current = tx.get("SELECT generation FROM insight_coordination WHERE name = 'clustering'")
                .map(row -> Rows.number(row, "generation"))
                .orElse(0L);
        boolean stale = current != generation;
        generation = current;
        return stale;
    }

    /** Called last in a transaction that changed clusters in a way other sidecars' indexes cannot follow. */
    void changed(DbExecute tx) {
        if (shared) {
            tx.update("UPDATE insight_coordination SET generation = generation + 1 WHERE name = 'clustering'");
            generation++;
        }
    }

    /** True on PostgreSQL, where other sidecars may change clusters too. */
    boolean shared() {
        return shared;
    }

    /** After a rolled-back transaction: the next one reloads. */
    void forget() {
        generation = -1;
    }
}
