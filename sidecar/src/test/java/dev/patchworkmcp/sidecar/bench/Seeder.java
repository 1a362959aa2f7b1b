package dev.patchworkmcp.sidecar.bench;

import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.db.DatabaseConfig;
import dev.patchworkmcp.sidecar.db.Timestamps;
import dev.patchworkmcp.sidecar.feedback.SummaryTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;

/** Fills an SQLite database with synthetic reports fast: one transaction, batched prepared inserts. */
final class Seeder {
    static final String[] SERVERS = {
        "cost-tracker", "github", "filesystem", "postgres", "slack", "jira", "notion", "weather"
    };
    static final String[] GAPS = {"missing_tool", "incomplete_results", "missing_parameter", "wrong_format", "other"};
    static final String[] RESOLUTIONS = {"blocked", "worked_around", "partial", ""};
    static final String[] CLIENTS = {"claude-code", "claude-desktop", "cursor", "vscode", ""};

    private Seeder() {}

    static void seed(Path dbFile, int count) throws SQLException {
        try (Database database = Database.open(DatabaseConfig.sqlite(dbFile));
                Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            String sql = "INSERT INTO feedback (id, server_name, timestamp, what_i_needed, what_i_tried, gap_type,"
                    + " suggestion, resolution, agent_model, session_id, client_type, reviewed, client_name)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            Instant start = Instant.now().minusSeconds(count);
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (int i = 0; i < count; i++) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, SERVERS[i % SERVERS.length]);
                    insert.setString(3, Timestamps.format(start.plusSeconds(i)));
                    insert.setString(4, "search cost events by run_id " + i + " with a filter on the context field");
                    insert.setString(5, "called list_costs and get_cost; neither accepts run_id, so paged through");
                    insert.setString(6, GAPS[i % GAPS.length]);
                    insert.setString(7, "add search_costs(run_id, since, until) returning the matching events");
                    insert.setString(8, RESOLUTIONS[i % RESOLUTIONS.length]);
                    insert.setString(9, i % 2 == 0 ? "claude-sonnet-4-5" : "gpt-5");
                    insert.setString(10, "session-" + (i / 10));
                    insert.setString(11, CLIENTS[i % CLIENTS.length]);
                    insert.setInt(12, i % 3 == 0 ? 1 : 0);
                    insert.setString(13, CLIENTS[(i / 7) % CLIENTS.length]);
                    insert.addBatch();
                    if (i % 10_000 == 9_999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
            connection.setAutoCommit(true);
            SummaryTable.rebuild(database);
            try (Statement index = connection.createStatement()) {
                // What the sidecar's background indexer would do over its first minutes, in one go.
                index.execute("INSERT INTO feedback_fts (feedback_fts) VALUES ('rebuild')");
                index.execute("UPDATE feedback_fts_progress SET indexed_up_to = (SELECT MAX(rowid) FROM feedback)");
            }
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("ANALYZE");
            }
        }
    }
}
