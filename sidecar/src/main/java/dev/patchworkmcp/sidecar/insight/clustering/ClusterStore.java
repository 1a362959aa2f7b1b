package dev.patchworkmcp.sidecar.insight.clustering;

import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.db.Rows;
import dev.patchworkmcp.sidecar.db.Timestamps;
import dev.patchworkmcp.sidecar.http.Texts;
import dev.patchworkmcp.sidecar.insight.embedding.ReportEmbedder;
import dev.patchworkmcp.sidecar.insight.embedding.UnitVector;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The clusters, the stored embeddings and the cluster history in the database. Plain SQL that SQLite and
 * PostgreSQL both run. Thread-safe (state lives in the database); {@link ClusterService} serialises changes.
 */
final class ClusterStore {
    static final String CLUSTER_COLUMNS = "id, server_name, status, title, title_feedback_id, size, resolved_pr_url,"
            + " resolved_at, reopened_at, reopened_by, created_at, updated_at";

    private static final String COUNTS = "SELECT r.cluster_id AS cluster_id, COUNT(*) AS reports,"
            + " COUNT(DISTINCT CASE WHEN f.session_id <> '' THEN f.session_id ELSE 'report:' || f.id END) AS sessions,"
            + " COUNT(DISTINCT CASE WHEN f.client_name <> '' THEN f.client_name"
            + " WHEN f.client_type <> '' THEN f.client_type END) AS clients,"
            + " COUNT(DISTINCT CASE WHEN f.agent_model <> '' THEN f.agent_model END) AS models,"
            + " SUM(CASE WHEN f.resolution = 'blocked' THEN 1 ELSE 0 END) AS blocked,"
            + " SUM(CASE WHEN f.resolution = 'partial' THEN 1 ELSE 0 END) AS partial,"
            + " SUM(CASE WHEN f.resolution = 'worked_around' THEN 1 ELSE 0 END) AS worked_around,"
            + " SUM(CASE WHEN f.reviewed = 0 THEN 1 ELSE 0 END) AS unreviewed,"
            + " MIN(f.timestamp) AS first_seen, MAX(f.timestamp) AS last_seen"
            + " FROM insight_reports r JOIN feedback f ON f.id = r.feedback_id"
            + " JOIN insight_clusters c ON c.id = r.cluster_id";

    /** Rows per multi-row INSERT: 6 parameters each stays far below SQLite's and PostgreSQL's limits. */
    static final int BULK_ROWS = 200;

    private final Database database;
    private final Clock clock;

    ClusterStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    String now() {
        return Timestamps.now(clock);
    }

    /**
     * Reports stored but not yet embedded, oldest first, stored at or after {@code since} ("" = from the first
     * report). The bound lets the worker skip the long clustered past through the timestamp index instead of
     * walking it on every batch.
     */
    List<PendingReport> pending(int limit, String since) {
        return database.read(db -> {
            try (Stream<DbRow> rows = db.query(
                    "SELECT f.id, f.server_name, f.timestamp, f.what_i_needed, f.suggestion"
                            + " FROM feedback f LEFT JOIN insight_reports r ON r.feedback_id = f.id"
                            + " WHERE r.feedback_id IS NULL AND f.timestamp >= ? ORDER BY f.timestamp, f.id LIMIT ?",
                    since,
                    limit)) {
                return rows.map(row -> new PendingReport(
                                Rows.text(row, "id"),
                                Rows.text(row, "server_name"),
                                Rows.text(row, "timestamp"),
                                ReportEmbedder.textOf(Rows.text(row, "what_i_needed"), Rows.text(row, "suggestion"))))
                        .toList();
            }
        });
    }

    /** The newest report's time ("" when there is none): one index lookup, polled to tell when ingest is busy. */
    String latestTimestamp() {
        return database.read(db -> db.get("SELECT MAX(timestamp) AS latest FROM feedback")
                .map(row -> Rows.nullableText(row, "latest"))
                .map(latest -> latest == null ? "" : latest)
                .orElse(""));
    }

    /** Every cluster's centroid, to rebuild the in-memory index at start. */
    void forEachCentroid(Consumer<Map.Entry<Cluster, Centroid>> consumer) {
        database.read(db -> {
            forEachCentroid(db, consumer);
            return null;
        });
    }

    void forEachCentroid(DbExecute db, Consumer<Map.Entry<Cluster, Centroid>> consumer) {
        try (Stream<DbRow> rows = db.query("SELECT " + CLUSTER_COLUMNS + ", centroid FROM insight_clusters")) {
            rows.forEach(row -> consumer.accept(Map.entry(
                    cluster(row), Centroid.decode(Rows.text(row, "centroid"), (int) Rows.number(row, "size")))));
        }
    }

    /** Every stored embedding of a report that still exists, in arrival order. */
    void forEachVector(Consumer<StoredVector> consumer) {
        database.read(db -> {
            try (Stream<DbRow> rows = db.query("SELECT r.feedback_id, f.server_name, r.cluster_id, r.model, r.vector"
                    + " FROM insight_reports r JOIN feedback f ON f.id = r.feedback_id ORDER BY f.timestamp, f.id")) {
                rows.forEach(row -> consumer.accept(vector(row)));
            }
            return null;
        });
    }

    List<StoredVector> members(DbExecute db, String clusterId) {
        try (Stream<DbRow> rows = db.query(
                "SELECT r.feedback_id, f.server_name, r.cluster_id, r.model, r.vector FROM insight_reports r"
                        + " JOIN feedback f ON f.id = r.feedback_id WHERE r.cluster_id = ? ORDER BY f.timestamp, f.id",
                clusterId)) {
            return rows.map(ClusterStore::vector).toList();
        }
    }

    Optional<StoredVector> vectorOf(DbExecute db, String feedbackId) {
        return db.get(
                        "SELECT r.feedback_id, f.server_name, r.cluster_id, r.model, r.vector FROM insight_reports r"
                                + " JOIN feedback f ON f.id = r.feedback_id WHERE r.feedback_id = ?",
                        feedbackId)
                .map(ClusterStore::vector);
    }

    Optional<Cluster> find(String id) {
        return database.read(db -> find(db, id));
    }

    Optional<Cluster> find(DbExecute db, String id) {
        return db.get("SELECT " + CLUSTER_COLUMNS + " FROM insight_clusters WHERE id = ?", id)
                .map(ClusterStore::cluster);
    }

    Optional<String> clusterOf(String feedbackId) {
        return database.read(db -> db.get("SELECT cluster_id FROM insight_reports WHERE feedback_id = ?", feedbackId)
                .map(row -> Rows.text(row, "cluster_id")));
    }

    /** Clusters with at least one live report, filtered by server and status (blank = any). */
    List<Cluster> list(String server, String status) {
        Filter filter = Filter.of(server, status);
        return database.read(db -> {
            try (Stream<DbRow> rows = db.query(
                    "SELECT " + CLUSTER_COLUMNS + " FROM insight_clusters c" + filter.where(),
                    filter.params().toArray())) {
                return rows.map(ClusterStore::cluster).toList();
            }
        });
    }

    /** Counts per cluster, for the clusters the filter selects. */
    Map<String, ClusterCounts> counts(String server, String status) {
        Filter filter = Filter.of(server, status);
        return database.read(db -> counts(db, COUNTS + filter.where() + " GROUP BY r.cluster_id", filter.params()));
    }

    Optional<ClusterCounts> counts(String clusterId) {
        return Optional.ofNullable(database.read(
                        db -> counts(db, COUNTS + " WHERE r.cluster_id = ? GROUP BY r.cluster_id", List.of(clusterId)))
                .get(clusterId));
    }

    private static Map<String, ClusterCounts> counts(DbExecute db, String sql, List<Object> params) {
        Map<String, ClusterCounts> counts = new LinkedHashMap<>();
        try (Stream<DbRow> rows = db.query(sql, params.toArray())) {
            rows.forEach(row -> counts.put(
                    Rows.text(row, "cluster_id"),
                    new ClusterCounts(
                            (int) Rows.number(row, "reports"),
                            (int) Rows.number(row, "sessions"),
                            (int) Rows.number(row, "clients"),
                            (int) Rows.number(row, "models"),
                            (int) Rows.number(row, "blocked"),
                            (int) Rows.number(row, "partial"),
                            (int) Rows.number(row, "worked_around"),
                            (int) Rows.number(row, "unreviewed"),
                            instant(Rows.nullableText(row, "first_seen")),
                            instant(Rows.nullableText(row, "last_seen")))));
        }
        return counts;
    }

    void insertReport(DbExecute db, String feedbackId, String clusterId, UnitVector vector, double similarity) {
        db.insert(
                "INSERT INTO insight_reports (feedback_id, cluster_id, model, vector, similarity, assigned_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                feedbackId,
                clusterId,
                ReportEmbedder.MODEL,
                vector.encode(),
                similarity,
                now());
    }

    /** A report's assignment, for bulk inserts. */
    record Assigned(String feedbackId, String clusterId, UnitVector vector, double similarity) {}

    /** Inserts many assignments with multi-row statements (a re-cluster writes every report). */
    void insertReports(DbExecute db, List<Assigned> rows) {
        String now = now();
        for (int from = 0; from < rows.size(); from += BULK_ROWS) {
            List<Assigned> chunk = rows.subList(from, Math.min(rows.size(), from + BULK_ROWS));
            StringBuilder sql = new StringBuilder(
                    "INSERT INTO insight_reports (feedback_id, cluster_id, model, vector, similarity, assigned_at) VALUES ");
            List<Object> params = new ArrayList<>(chunk.size() * 6);
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)");
                Assigned row = chunk.get(i);
                params.addAll(List.of(
                        row.feedbackId(),
                        row.clusterId(),
                        ReportEmbedder.MODEL,
                        row.vector().encode(),
                        row.similarity(),
                        now));
            }
            db.insert(sql.toString(), params.toArray());
        }
    }

    void insertCluster(DbExecute db, String id, String server, String titleFeedbackId, Centroid centroid) {
        String now = now();
        db.insert(
                "INSERT INTO insight_clusters (id, server_name, status, title, title_feedback_id, centroid, size,"
                        + " created_at, updated_at) VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?)",
                id,
                server,
                titleOf(db, titleFeedbackId),
                titleFeedbackId,
                centroid.encode(),
                centroid.count(),
                now,
                now);
    }

    void updateCentroid(DbExecute db, String id, Centroid centroid, String titleFeedbackId) {
        db.update(
                "UPDATE insight_clusters SET centroid = ?, size = ?, title = ?, title_feedback_id = ?, updated_at = ?"
                        + " WHERE id = ?",
                centroid.encode(),
                centroid.count(),
                titleOf(db, titleFeedbackId),
                titleFeedbackId,
                now(),
                id);
    }

    void moveReport(DbExecute db, String feedbackId, String clusterId, double similarity) {
        db.update(
                "UPDATE insight_reports SET cluster_id = ?, similarity = ?, assigned_at = ? WHERE feedback_id = ?",
                clusterId,
                similarity,
                now(),
                feedbackId);
    }

    void moveAll(DbExecute db, String from, String into) {
        db.update("UPDATE insight_reports SET cluster_id = ? WHERE cluster_id = ?", into, from);
    }

    void deleteCluster(DbExecute db, String id) {
        db.delete("DELETE FROM insight_clusters WHERE id = ?", id);
    }

    void resolve(DbExecute db, String id, String prUrl) {
        db.update(
                "UPDATE insight_clusters SET status = 'resolved', resolved_pr_url = ?, resolved_at = ?, updated_at = ?"
                        + " WHERE id = ?",
                prUrl,
                now(),
                now(),
                id);
    }

    /** Carries a resolution over to a cluster rebuilt by a re-cluster. */
    void restoreResolved(DbExecute db, String id, String prUrl, String resolvedAt) {
        db.update(
                "UPDATE insight_clusters SET status = 'resolved', resolved_pr_url = ?, resolved_at = ? WHERE id = ?",
                prUrl,
                resolvedAt,
                id);
    }

    /** Back to open; {@code byFeedbackId} is the new report that reopened it ("" when a reviewer did). */
    void reopen(DbExecute db, String id, String byFeedbackId) {
        String now = now();
        db.update(
                "UPDATE insight_clusters SET status = 'open', reopened_at = ?, reopened_by = ?, updated_at = ?"
                        + " WHERE id = ?",
                now,
                byFeedbackId,
                now,
                id);
    }

    int markReviewed(String clusterId, boolean reviewed) {
        long changed = database.write(db -> db.update(
                "UPDATE feedback SET reviewed = ? WHERE id IN"
                        + " (SELECT feedback_id FROM insight_reports WHERE cluster_id = ?)",
                reviewed ? 1 : 0,
                clusterId));
        return (int) changed;
    }

    void event(DbExecute db, String clusterId, String kind, String detail) {
        db.insert(
                "INSERT INTO insight_cluster_events (id, cluster_id, timestamp, kind, detail) VALUES (?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(),
                clusterId,
                now(),
                kind,
                detail);
    }

    List<ClusterEvent> events(String clusterId) {
        return database.read(db -> {
            try (Stream<DbRow> rows = db.query(
                    "SELECT timestamp, kind, detail FROM insight_cluster_events WHERE cluster_id = ?"
                            + " ORDER BY timestamp, id",
                    clusterId)) {
                return rows.map(row -> new ClusterEvent(
                                Rows.text(row, "timestamp"), Rows.text(row, "kind"), Rows.text(row, "detail")))
                        .toList();
            }
        });
    }

    /** When the last event of {@code kind} happened to the cluster, if ever. */
    Optional<String> lastEvent(String clusterId, String kind) {
        return database.read(db -> db.get(
                        "SELECT MAX(timestamp) AS at FROM insight_cluster_events WHERE cluster_id = ? AND kind = ?",
                        clusterId,
                        kind)
                .map(row -> Rows.nullableText(row, "at")));
    }

    /**
     * Pins every current member of cluster {@code clusterId} to the group of that id: a reviewer placed them there
     * ({@code reason}: merge, move, resolve), so a re-cluster keeps them together. A pin to another group moves.
     */
    void pinMembers(DbExecute db, String clusterId, String reason) {
        db.insert(
                "INSERT INTO insight_pins (feedback_id, group_id, reason, pinned_at)"
                        + " SELECT feedback_id, ?, ?, ? FROM insight_reports WHERE cluster_id = ?"
                        + " ON CONFLICT (feedback_id) DO UPDATE SET group_id = excluded.group_id,"
                        + " reason = excluded.reason, pinned_at = excluded.pinned_at",
                clusterId,
                reason,
                now(),
                clusterId);
    }

    /** Reports of cluster {@code clusterId} stored in [{@code from}, {@code split}) and at or after {@code split}. */
    int[] countsAround(String clusterId, String from, String split) {
        return database.read(db -> db.get(
                        "SELECT SUM(CASE WHEN f.timestamp < ? THEN 1 ELSE 0 END) AS before_fix,"
                                + " SUM(CASE WHEN f.timestamp >= ? THEN 1 ELSE 0 END) AS after_fix"
                                + " FROM insight_reports r JOIN feedback f ON f.id = r.feedback_id"
                                + " WHERE r.cluster_id = ? AND f.timestamp >= ?",
                        split,
                        split,
                        clusterId,
                        from)
                .map(row -> new int[] {(int) Rows.number(row, "before_fix"), (int) Rows.number(row, "after_fix")})
                .orElse(new int[2]));
    }

    /** Whether a reviewer placed any report of cluster {@code clusterId} (see {@link #pinMembers}). */
    boolean hasPins(DbExecute db, String clusterId) {
        return db.get(
                        "SELECT p.feedback_id FROM insight_pins p JOIN insight_reports r ON r.feedback_id = p.feedback_id"
                                + " WHERE r.cluster_id = ? LIMIT 1",
                        clusterId)
                .isPresent();
    }

    /** Every pin of a report that still exists: feedback id to group (= cluster) id. */
    Map<String, String> pins() {
        return database.read(db -> {
            Map<String, String> pins = new LinkedHashMap<>();
            try (Stream<DbRow> rows = db.query("SELECT p.feedback_id, p.group_id FROM insight_pins p"
                    + " JOIN feedback f ON f.id = p.feedback_id")) {
                rows.forEach(row -> pins.put(Rows.text(row, "feedback_id"), Rows.text(row, "group_id")));
            }
            return pins;
        });
    }

    /** Drops every cluster and assignment of {@code server} ("" = of every server); events stay as history. */
    void clear(DbExecute db, String server) {
        if (server.isEmpty()) {
            db.delete("DELETE FROM insight_reports");
            db.delete("DELETE FROM insight_clusters");
            return;
        }
        db.delete(
                "DELETE FROM insight_reports WHERE cluster_id IN (SELECT id FROM insight_clusters WHERE server_name = ?)",
                server);
        db.delete("DELETE FROM insight_clusters WHERE server_name = ?", server);
    }

    private static String titleOf(DbExecute db, String feedbackId) {
        return db.get("SELECT what_i_needed FROM feedback WHERE id = ?", feedbackId)
                .map(row -> Texts.title(Rows.text(row, "what_i_needed")))
                .orElse("");
    }

    static Cluster cluster(DbRow row) {
        return new Cluster(
                Rows.text(row, "id"),
                Rows.text(row, "server_name"),
                Rows.text(row, "status"),
                Rows.text(row, "title"),
                Rows.text(row, "title_feedback_id"),
                (int) Rows.number(row, "size"),
                Rows.text(row, "resolved_pr_url"),
                Rows.nullableText(row, "resolved_at"),
                Rows.nullableText(row, "reopened_at"),
                Rows.text(row, "reopened_by"),
                Rows.text(row, "created_at"),
                Rows.text(row, "updated_at"));
    }

    private static StoredVector vector(DbRow row) {
        return new StoredVector(
                Rows.text(row, "feedback_id"),
                Rows.text(row, "server_name"),
                Rows.text(row, "cluster_id"),
                Rows.text(row, "model"),
                UnitVector.decode(Rows.text(row, "vector")));
    }

    static Instant instant(String timestamp) {
        return timestamp == null || timestamp.isEmpty()
                ? null
                : OffsetDateTime.parse(timestamp).toInstant();
    }

    /** The WHERE clause for the server and status filters, on alias {@code c}. */
    private record Filter(String where, List<Object> params) {
        static Filter of(String server, String status) {
            List<String> clauses = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            if (server != null && !server.isBlank()) {
                clauses.add("c.server_name = ?");
                params.add(server);
            }
            if (status != null && !status.isBlank()) {
                clauses.add("c.status = ?");
                params.add(status);
            }
            return new Filter(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
        }
    }
}
