package dev.patchworkmcp.sidecar.feedback;

import dev.patchworkmcp.sidecar.db.Dialect;
import io.helidon.dbclient.DbExecute;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@code q} matches: a substring of any of {@link #COLUMNS}, every character literal (no wildcards, no query
 * syntax), ASCII letters in any case. Two paths, chosen by {@link #path}: on SQLite the FTS5 trigram table
 * {@code feedback_fts} (migration V3), searched with the text as one quoted phrase, which for trigrams means
 * "contains this substring", plus a scan of the reports not indexed yet ({@link TextIndex}); or {@code LIKE} over
 * the columns, which on PostgreSQL the pg_trgm indexes on {@code LOWER(column)} serve as it is. On SQLite the
 * {@code LIKE} scan answers text shorter than 3 characters (trigrams cannot index it) and ASCII text so common that
 * the index would cost more than the scan ({@link TrigramSample}). Both paths find the same reports for ASCII text;
 * for other letters FTS5 folds case and SQLite's {@code LIKE} does not, so text with a non-ASCII character of 3
 * characters or more always goes through the index. Stateless.
 */
final class TextSearch {
    /** The searched columns, as in the Python original plus the server name. */
    static final List<String> COLUMNS =
            List.of("what_i_needed", "what_i_tried", "suggestion", "user_goal", "server_name");

    /** The shortest text a trigram index can find. */
    static final int MIN_INDEXED_LENGTH = 3;

    /** How a text search is answered. */
    enum Path {
        /** SQLite's FTS5 trigram table plus a rowid-range scan of the reports not indexed yet. */
        INDEX,
        /** {@code LIKE} over the columns: a scan on SQLite, the pg_trgm indexes on PostgreSQL. */
        LIKE
    }

    private TextSearch() {}

    /** The path for {@code text} (non-empty); on SQLite this may read a sample of the index (under a millisecond). */
    static Path path(DbExecute db, Dialect dialect, String text) {
        if (dialect != Dialect.SQLITE || !indexed(text)) {
            return Path.LIKE;
        }
        return ascii(text) && TrigramSample.common(db, text) ? Path.LIKE : Path.INDEX;
    }

    /** Adds the condition for {@code text} (non-empty), answered by {@code path}, to {@code where}. */
    static void add(Where.Builder where, Dialect dialect, Path path, String text) {
        switch (path) {
            case INDEX -> {
                // The index holds the reports up to indexed_up_to; the few above it (stored since the indexer last
                // ran, see TextIndex) are scanned by rowid range.
                Where tail = new Where.Builder("tail.")
                        .contains(COLUMNS, text, false)
                        .build();
                List<Object> params = new ArrayList<>();
                params.add(phrase(text));
                params.addAll(tail.params());
                where.add(
                        where.qualified("rowid") + " IN (SELECT rowid FROM feedback_fts WHERE feedback_fts MATCH ?"
                                + " UNION ALL SELECT tail.rowid FROM feedback AS tail" + tail.sql()
                                + " AND tail.rowid > (SELECT indexed_up_to FROM feedback_fts_progress))",
                        params.toArray());
            }
            // SQLite's LIKE already ignores ASCII case (LOWER would only cost time); PostgreSQL's does not, and
            // its trigram indexes are built on LOWER(column).
            case LIKE -> where.contains(COLUMNS, text, dialect == Dialect.POSTGRESQL);
        }
    }

    private static boolean ascii(String text) {
        return text.chars().allMatch(c -> c < 128);
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
