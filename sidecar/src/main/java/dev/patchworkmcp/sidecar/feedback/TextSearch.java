package dev.patchworkmcp.sidecar.feedback;

import dev.patchworkmcp.sidecar.db.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@code q} matches: a case-insensitive substring of any of {@link #COLUMNS}, every character literal (no
 * wildcards, no query syntax). Where an index can answer, it does: on SQLite the FTS5 trigram table
 * {@code feedback_fts} (migration V3), searched with the text as one quoted phrase, which for trigrams means
 * "contains this substring", plus a scan of the reports not indexed yet ({@link TextIndex}); on PostgreSQL the pg_trgm indexes on {@code LOWER(column)}, which serve the
 * {@code LIKE} below as it is. Trigrams cannot index fewer than 3 characters, so shorter text (and text with a
 * NUL, which FTS5 cannot parse) falls back to the {@code LIKE} scan. Stateless.
 */
final class TextSearch {
    /** The searched columns, as in the Python original plus the server name. */
    static final List<String> COLUMNS =
            List.of("what_i_needed", "what_i_tried", "suggestion", "user_goal", "server_name");

    /** The shortest text a trigram index can find. */
    static final int MIN_INDEXED_LENGTH = 3;

    private TextSearch() {}

    /** Adds the condition for {@code text} (non-empty) to {@code where}. */
    static void add(Where.Builder where, Dialect dialect, String text) {
        if (dialect == Dialect.SQLITE && indexed(text)) { // as FeedbackQuery.searchesTextIndex
            // The index holds the reports up to indexed_up_to; the few above it (stored since the indexer last
            // ran, see TextIndex) are scanned by rowid range.
            Where tail =
                    new Where.Builder("tail.").contains(COLUMNS, text, false).build();
            List<Object> params = new ArrayList<>();
            params.add(phrase(text));
            params.addAll(tail.params());
            where.add(
                    where.qualified("rowid") + " IN (SELECT rowid FROM feedback_fts WHERE feedback_fts MATCH ?"
                            + " UNION ALL SELECT tail.rowid FROM feedback AS tail" + tail.sql()
                            + " AND tail.rowid > (SELECT indexed_up_to FROM feedback_fts_progress))",
                    params.toArray());
        } else {
            // SQLite's LIKE already ignores ASCII case (LOWER would only cost time); PostgreSQL's does not, and
            // its trigram indexes are built on LOWER(column).
            where.contains(COLUMNS, text, dialect == Dialect.POSTGRESQL);
        }
    }

    /** True when the SQLite trigram index answers {@code text}. */
    static boolean indexed(String text) {
        return text.codePointCount(0, text.length()) >= MIN_INDEXED_LENGTH && text.indexOf('\0') < 0;
    }

    /**
     * An FTS5 string: the text in double quotes, a quote inside doubled. Inside a string FTS5 has no operators,
     * so {@code AND}, {@code *}, {@code NEAR(} or {@code col:} are matched as the characters they are.
     */
    static String phrase(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
