package dev.patchworkmcp.sidecar.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchworkmcp.sidecar.SharedPostgres;
import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.db.DatabaseConfig;
import dev.patchworkmcp.sidecar.db.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SQL that {@code q} produces is the SQL the indexes serve: the database's own plan for it names the trigram
 * index from 3 characters on, and a scan below that. On PostgreSQL plain scans and ordered index scans are
 * disabled for the plan, since a table of a few rows is otherwise read whole whatever the indexes; what is left
 * is a bitmap scan, over the trigram indexes only if they can serve the condition.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Dialect.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TextSearchPlanTest {
    @Parameter
    Dialect dialect;

    @TempDir
    Path dir;

    Database database;

    @BeforeEach
    void open() {
        DatabaseConfig config = dialect == Dialect.SQLITE
                ? DatabaseConfig.sqlite(dir.resolve("plan.db"))
                : new DatabaseConfig(dir.resolve("unused.db"), SharedPostgres.newDatabase(), "postgres", "", 2);
        database = Database.open(config);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void answersThreeCharactersOrMoreFromTheTrigramIndex() throws SQLException {
        String plan = plan("run_id 42");

        if (dialect == Dialect.SQLITE) {
            // The reports the background indexer has not reached yet are read by rowid range, not scanned.
            assertThat(plan).contains("feedback_fts VIRTUAL TABLE INDEX", "SEARCH tail USING INTEGER PRIMARY KEY");
        } else {
            assertThat(plan).contains("idx_feedback_trgm_what_i_needed", "idx_feedback_trgm_server_name");
        }
    }

    @Test
    void answersShorterTextByAScan() throws SQLException {
        assertThat(plan("id")).doesNotContain("feedback_fts");
    }

    @Test
    void answersTextWithSyntaxCharactersFromTheIndexToo() throws SQLException {
        String plan = plan("\"a\" AND b*");

        assertThat(plan).contains(dialect == Dialect.SQLITE ? "feedback_fts" : "idx_feedback_trgm_");
    }

    @Test
    void answersTextInMostReportsByAScanAndRareTextFromTheIndex() throws SQLException {
        try (FeedbackStore store = new FeedbackStore(database, Clock.systemUTC())) {
            store.start();
            for (int i = 0; i < 40; i++) {
                store.record(report("search cost events by run_id " + i));
            }
            store.indexText();

            String common = plan("Cost Events");
            String rare = plan("run_id 17");

            // SQLite: the common text goes to the scan; PostgreSQL plans both through its trigram indexes.
            assertThat(common).contains(dialect == Dialect.SQLITE ? "SCAN" : "idx_feedback_trgm_");
            assertThat(common).doesNotContain("feedback_fts");
            assertThat(rare).contains(dialect == Dialect.SQLITE ? "feedback_fts" : "idx_feedback_trgm_");
        }
    }

    @Test
    void sendsCommonTextWithNonAsciiLettersToTheIndexWhichFoldsTheirCase() throws SQLException {
        try (FeedbackStore store = new FeedbackStore(database, Clock.systemUTC())) {
            store.start();
            for (int i = 0; i < 10; i++) {
                store.record(report("café crème " + i));
            }
            store.indexText();

            assertThat(plan("CAFÉ")).contains(dialect == Dialect.SQLITE ? "feedback_fts" : "idx_feedback_trgm_");
        }
    }

    private static FeedbackInput report(String needed) {
        return new FeedbackInput(
                "srv", needed, "-", "other", "", "", "", "", List.of(), "", "", "", "", "", "", "", null, null);
    }

    private String plan(String text) throws SQLException {
        FeedbackQuery query = new FeedbackQuery("", "", "", "", "", "", "", null, text, "", "", 50, 0, "");
        Where where = query.where(dialect, database.read(db -> query.textPath(db, dialect)));
        String sql = "SELECT id FROM feedback" + where.sql() + " ORDER BY timestamp DESC, id DESC LIMIT 50";
        try (Connection connection = database.dataSource().getConnection()) {
            String explain = dialect == Dialect.SQLITE ? "EXPLAIN QUERY PLAN " : "EXPLAIN ";
            if (dialect == Dialect.POSTGRESQL) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET enable_seqscan = off");
                    statement.execute("SET enable_indexscan = off");
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(explain + sql)) {
                List<Object> params = where.params();
                for (int i = 0; i < params.size(); i++) {
                    statement.setObject(i + 1, params.get(i));
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = statement.executeQuery()) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        plan.append(rows.getString(columns)).append('\n');
                    }
                }
                return plan.toString();
            } finally {
                if (dialect == Dialect.POSTGRESQL) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("RESET enable_seqscan");
                        statement.execute("RESET enable_indexscan");
                    }
                }
            }
        }
    }
}
