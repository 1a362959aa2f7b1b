package dev.patchworkmcp.sidecar.feedback;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.db.Rows;
import dev.patchworkmcp.sidecar.http.Json;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.util.stream.Stream;

/**
 * Counts for the dashboard's header, honouring the list filters (the page window is ignored). When the filters
 * are all summary columns the counts come from {@code feedback_summary} (a few hundred rows, however many reports
 * there are); otherwise from a scan of the matching reports. Notes are counted from the notes side, which stays
 * small. Thread-safe.
 */
public final class StatsStore {
    private final Database database;

    public StatsStore(Database database) {
        this.database = database;
    }

    /** {@code {total, unreviewed, note_count, by_server, by_gap_type, by_resolution, by_client}}. */
    public ObjectNode stats(FeedbackQuery query) {
        boolean summary = query.summarised();
        String table = summary ? "feedback_summary" : "feedback";
        String count = summary ? "SUM(n)" : "COUNT(*)";
        return database.read(db -> {
            TextSearch.Path path = query.textPath(db, database.dialect());
            Where where = query.where(database.dialect(), path);
            ObjectNode json = Json.object();
            db.get(
                            "SELECT COALESCE(" + count + ", 0) AS total, COALESCE(SUM(CASE WHEN reviewed = 0 THEN "
                                    + (summary ? "n" : "1") + " ELSE 0 END), 0) AS unreviewed FROM " + table
                                    + where.sql(),
                            where.params().toArray())
                    .ifPresent(row -> json.put("total", Rows.number(row, "total"))
                            .put("unreviewed", Rows.number(row, "unreviewed")));
            json.put("note_count", noteCount(db, query.where(database.dialect(), path, "feedback.")));
            json.set("by_server", groups(db, table, count, "server_name", where, false));
            json.set("by_gap_type", groups(db, table, count, "gap_type", where, false));
            json.set("by_resolution", groups(db, table, count, "resolution", where, true));
            json.set("by_client", groups(db, table, count, "client_name", where, true));
            return json;
        });
    }

    private static long noteCount(DbExecute db, Where where) {
        // CROSS JOIN makes SQLite drive from the notes (few) rather than the reports (many); PostgreSQL plans freely.
        String sql = where.sql().isEmpty()
                ? "SELECT COUNT(*) AS n FROM feedback_notes"
                : "SELECT COUNT(*) AS n FROM feedback_notes CROSS JOIN feedback" + where.sql()
                        + " AND feedback.id = feedback_notes.feedback_id";
        return db.get(sql, where.params().toArray())
                .map(row -> Rows.number(row, "n"))
                .orElse(0L);
    }

    private static ArrayNode groups(
            DbExecute db, String table, String count, String column, Where where, boolean skipEmpty) {
        String condition = skipEmpty ? column + " <> ''" : "";
        String sql =
                where.sql() + (condition.isEmpty() ? "" : (where.sql().isEmpty() ? " WHERE " : " AND ") + condition);
        ArrayNode array = Json.MAPPER.createArrayNode();
        try (Stream<DbRow> rows = db.query(
                "SELECT " + column + " AS value, " + count + " AS hits FROM " + table + sql + " GROUP BY " + column
                        + " HAVING " + count + " > 0 ORDER BY hits DESC, value",
                where.params().toArray())) {
            rows.forEach(row ->
                    array.addObject().put(column, Rows.text(row, "value")).put("count", Rows.number(row, "hits")));
        }
        return array;
    }
}
