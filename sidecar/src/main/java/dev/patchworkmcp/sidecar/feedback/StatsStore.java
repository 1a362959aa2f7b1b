package dev.patchworkmcp.sidecar.feedback;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.db.Rows;
import dev.patchworkmcp.sidecar.http.Json;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.util.stream.Stream;

/** Counts for the dashboard's header, honouring the list filters (the page window is ignored). Thread-safe. */
public final class StatsStore {
    private final Database database;

    public StatsStore(Database database) {
        this.database = database;
    }

    /** {@code {total, unreviewed, note_count, by_server, by_gap_type, by_resolution, by_client}}. */
    public ObjectNode stats(FeedbackQuery query) {
        Where where = query.where();
        Object[] params = where.params().toArray();
        return database.read(db -> {
            ObjectNode json = Json.object();
            db.get(
                            "SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN reviewed = 0 THEN 1 ELSE 0 END), 0) AS unreviewed"
                                    + " FROM feedback" + where.sql(),
                            params)
                    .ifPresent(row -> json.put("total", Rows.number(row, "total"))
                            .put("unreviewed", Rows.number(row, "unreviewed")));
            String notes = where.sql().isEmpty()
                    ? "SELECT COUNT(*) AS n FROM feedback_notes"
                    : "SELECT COUNT(*) AS n FROM feedback_notes WHERE feedback_id IN (SELECT id FROM feedback"
                            + where.sql() + ")";
            json.put(
                    "note_count",
                    db.get(notes, params).map(row -> Rows.number(row, "n")).orElse(0L));
            json.set("by_server", groups(db, "server_name", where, false));
            json.set("by_gap_type", groups(db, "gap_type", where, false));
            json.set("by_resolution", groups(db, "resolution", where, true));
            json.set("by_client", groups(db, "client_name", where, true));
            return json;
        });
    }

    private static ArrayNode groups(DbExecute db, String column, Where where, boolean skipEmpty) {
        String condition = skipEmpty ? column + " <> ''" : "";
        String sql =
                where.sql() + (condition.isEmpty() ? "" : (where.sql().isEmpty() ? " WHERE " : " AND ") + condition);
        ArrayNode array = Json.MAPPER.createArrayNode();
        try (Stream<DbRow> rows = db.query(
                "SELECT " + column + " AS value, COUNT(*) AS n FROM feedback" + sql + " GROUP BY " + column
                        + " ORDER BY n DESC, value",
                where.params().toArray())) {
            rows.forEach(row ->
                    array.addObject().put(column, Rows.text(row, "value")).put("count", Rows.number(row, "n")));
        }
        return array;
    }
}
