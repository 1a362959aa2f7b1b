package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchworkmcp.sidecar.db.DatabaseConfig;
import dev.patchworkmcp.sidecar.db.Dialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A database that already holds reports when the text-search migration arrives (schema at the shared migrations
 * only, i.e. every version up to the insight ones, without V3): the migration is applied although it is older
 * than the versions already there, and it indexes the reports stored before it.
 */
class TextSearchMigrationTest extends ApiTestBase {
    private static final int EXISTING = 30;

    @Override
    SidecarConfig configure(SidecarConfig config) {
        DatabaseConfig database = config.database();
        Flyway.configure()
                .dataSource(database.effectiveUrl(), database.user(), database.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        try (Connection connection = connect(database);
                PreparedStatement insert = connection.prepareStatement("INSERT INTO feedback (id, server_name,"
                        + " timestamp, what_i_needed, what_i_tried, gap_type) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < EXISTING; i++) {
                insert.setString(1, "old-" + i);
                insert.setString(2, "legacy-server");
                insert.setString(3, String.format("2026-01-01T00:00:%02d.000000Z", i));
                insert.setString(4, "Stored before the index, number " + i);
                insert.setString(5, "tried things");
                insert.setString(6, "missing_tool");
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return config;
    }

    @Test
    void indexesTheReportsStoredBeforeIt() {
        String fresh = api.record(Reports.minimal("stored after the index").toString());

        assertThat(api.get("/api/feedback?limit=500&q=before%20THE%20index").json())
                .hasSize(EXISTING);
        assertThat(api.get("/api/feedback?q=number%2017")
                        .json()
                        .get(0)
                        .get("id")
                        .asText())
                .isEqualTo("old-17");
        assertThat(api.get("/api/feedback?limit=500&q=the%20index").header("X-Total-Count"))
                .isEqualTo(Integer.toString(EXISTING + 1));
        assertThat(api.get("/api/feedback?q=after%20the")
                        .json()
                        .get(0)
                        .get("id")
                        .asText())
                .isEqualTo(fresh);
    }

    @Test
    void leavesTheIndexConsistentWithTheReports() throws SQLException {
        String deleted = api.record(Reports.minimal("short-lived").toString());
        api.record(Reports.minimal("long-lived").toString());
        api.delete("/api/feedback/" + deleted);
        sidecar.parts().feedback().indexText();

        try (Connection connection = connect(sidecar.parts().database().dataSource());
                Statement statement = connection.createStatement()) {
            if (sidecar.parts().database().dialect() == Dialect.SQLITE) {
                // FTS5 checks every entry of the index against the content table and fails on any difference.
                statement.execute("INSERT INTO feedback_fts (feedback_fts, rank) VALUES ('integrity-check', 1)");
            } else {
                assertThat(trigramIndexes(statement))
                        .containsExactlyInAnyOrder(
                                "idx_feedback_trgm_what_i_needed",
                                "idx_feedback_trgm_what_i_tried",
                                "idx_feedback_trgm_suggestion",
                                "idx_feedback_trgm_user_goal",
                                "idx_feedback_trgm_server_name");
            }
        }
        assertThat(api.get("/api/feedback?q=lived").json()).hasSize(1);
    }

    @Test
    void indexesNewReportsInTheBackgroundOnceIngestIsQuiet() throws Exception {
        for (int i = 0; i < 20; i++) {
            api.record(Reports.minimal("background " + i).toString());
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long waiting = waiting();
        while (waiting > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000_000); // between polls, not instead of one
            waiting = waiting();
        }

        assertThat(waiting).isZero();
        assertThat(sidecar.parts().feedback().indexText()).isZero();
    }

    /** Reports not in the text index yet (SQLite); PostgreSQL's indexes are always current. */
    private long waiting() throws SQLException {
        if (sidecar.parts().database().dialect() != Dialect.SQLITE) {
            return 0;
        }
        try (Connection connection = connect(sidecar.parts().database().dataSource());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM feedback WHERE rowid >"
                        + " (SELECT indexed_up_to FROM feedback_fts_progress)")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> trigramIndexes(Statement statement) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT indexname FROM pg_indexes WHERE tablename = 'feedback'"
                + " AND indexdef LIKE '%gin_trgm_ops%'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static Connection connect(DatabaseConfig database) throws SQLException {
        return DriverManager.getConnection(database.effectiveUrl(), database.user(), database.password());
    }

    private static Connection connect(DataSource dataSource) throws SQLException {
        return dataSource.getConnection();
    }
}
