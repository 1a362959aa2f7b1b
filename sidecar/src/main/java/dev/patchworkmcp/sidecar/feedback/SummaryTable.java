package dev.patchworkmcp.sidecar.feedback;

import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.db.Rows;
import io.helidon.dbclient.DbExecute;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maintains {@code feedback_summary}: report counts per (server, gap type, resolution, client type, client name,
 * reviewed). Every change runs inside the caller's transaction, so the summary always matches the reports.
 * Stateless; thread-safe.
 */
public final class SummaryTable {
    /** The columns a query may filter on and still be answered from the summary. */
    static final List<String> KEY =
            List.of("server_name", "gap_type", "resolution", "client_type", "client_name", "reviewed");

    private static final String UPSERT = "INSERT INTO feedback_summary (server_name, gap_type, resolution, client_type,"
            + " client_name, reviewed, n) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (server_name, gap_type, resolution,"
            + " client_type, client_name, reviewed) DO UPDATE SET n = feedback_summary.n + excluded.n";

    private SummaryTable() {}

    private record Key(
            String serverName, String gapType, String resolution, String clientType, String clientName, int reviewed) {
        Object[] params(long delta) {
            return new Object[] {serverName, gapType, resolution, clientType, clientName, reviewed, delta};
        }
    }

    /** Counts newly inserted (unreviewed) reports. */
    static void added(DbExecute tx, List<FeedbackInput> reports) {
        Map<Key, Long> deltas = new HashMap<>();
        for (FeedbackInput r : reports) {
            deltas.merge(
                    new Key(r.serverName(), r.gapType(), r.resolution(), r.clientType(), r.clientName(), 0),
                    1L,
                    Long::sum);
        }
        deltas.forEach((key, delta) -> tx.insert(UPSERT, key.params(delta)));
    }

    /** Moves one stored report between buckets (delta -1 from its current bucket, +1 to the new one) or removes it. */
    static void changed(DbExecute tx, String id, Integer newReviewed) {
        tx.get(
                        "SELECT server_name, gap_type, resolution, client_type, client_name, reviewed FROM feedback WHERE id = ?",
                        id)
                .ifPresent(row -> {
                    Key old = new Key(
                            Rows.text(row, "server_name"),
                            Rows.text(row, "gap_type"),
                            Rows.text(row, "resolution"),
                            Rows.text(row, "client_type"),
                            Rows.text(row, "client_name"),
                            (int) Rows.number(row, "reviewed"));
                    if (newReviewed != null && newReviewed == old.reviewed()) {
                        return;
                    }
                    tx.insert(UPSERT, old.params(-1));
                    if (newReviewed != null) {
                        Key moved = new Key(
                                old.serverName(),
                                old.gapType(),
                                old.resolution(),
                                old.clientType(),
                                old.clientName(),
                                newReviewed);
                        tx.insert(UPSERT, moved.params(1));
                    }
                });
    }

    /** Recomputes the summary from the reports (after a bulk load that bypassed the store). */
    public static void rebuild(Database database) {
        database.transaction(tx -> {
            tx.delete("DELETE FROM feedback_summary");
            tx.insert("INSERT INTO feedback_summary (server_name, gap_type, resolution, client_type, client_name,"
                    + " reviewed, n) SELECT server_name, gap_type, resolution, client_type, client_name, reviewed,"
                    + " COUNT(*) FROM feedback GROUP BY server_name, gap_type, resolution, client_type, client_name,"
                    + " reviewed");
            return null;
        });
    }
}
