package dev.patchworkmcp.sidecar.feedback;

import dev.patchworkmcp.sidecar.db.Rows;
import io.helidon.dbclient.DbExecute;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Tells whether a text is too common for SQLite's trigram index to pay off: the index walks the posting list of
 * every trigram of the text, so its cost grows with the rarest trigram's document count, while a scan of the
 * reports (newest first) finds a page of a common text at once. Measured at 1,000,000 reports (bench/README.md),
 * the index stays ahead up to about a tenth of the reports and falls far behind above (6x at every report).
 *
 * <p>The share is estimated on a sample of the index: {@link #WINDOWS} runs of {@link #WINDOW} consecutive
 * rowids spread evenly over it, so that a text clustered in one period (a burst, an incident) weighs at most one
 * window, less than {@link #MAX_SHARE} of the sample. FTS5 counts a trigram's documents in a rowid range by
 * seeking; the trigrams least likely to be common are asked first and the answer stops at the first rare one.
 * (An {@code fts5vocab} table gives exact counts but walks the whole posting list: 40 ms per trigram that is in
 * every one of 1,000,000 reports.) A misjudged text is still answered correctly, by the slower path. Stateless.
 */
final class TrigramSample {
    static final int WINDOWS = 12;
    static final int WINDOW = 80;

    /** Above this share of the sample, even for the rarest trigram, a scan beats the index. */
    static final double MAX_SHARE = 0.10;

    /** Trigrams asked at most; a longer text whose first ones are all common is taken as common. */
    static final int MAX_TRIGRAMS = 24;

    private static final String COMMON_CHARACTERS = " etaoinsrhldcu";

    private TrigramSample() {}

    /** True when every trigram of {@code text} (3 characters or more) is in more than {@link #MAX_SHARE}. */
    static boolean common(DbExecute db, String text) {
        long upTo = db.get("SELECT indexed_up_to FROM feedback_fts_progress")
                .map(row -> Rows.number(row, "indexed_up_to"))
                .orElse(0L);
        List<long[]> windows = windows(upTo);
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT CASE WHEN sample.n = 0 THEN 0");
        for (String trigram : trigrams(text)) {
            sql.append(" WHEN ").append(sum("feedback_fts", "feedback_fts MATCH ? AND ", windows.size()));
            sql.append(" <= sample.n * ? THEN 0");
            windows.forEach(window -> params.addAll(List.of(TextSearch.phrase(trigram), window[0], window[1])));
            params.add(MAX_SHARE);
        }
        sql.append(" ELSE 1 END AS common FROM (SELECT ")
                .append(sum("feedback", "", windows.size()))
                .append(" AS n) AS sample");
        windows.forEach(window -> params.addAll(List.of(window[0], window[1])));
        return db.get(sql.toString(), params.toArray())
                        .map(row -> Rows.number(row, "common"))
                        .orElse(0L)
                == 1;
    }

    /** Rowid ranges (low exclusive, high inclusive) spread over 1..upTo; one range when the index is small. */
    static List<long[]> windows(long upTo) {
        if (upTo <= (long) WINDOWS * WINDOW) {
            return List.of(new long[] {0, upTo});
        }
        List<long[]> windows = new ArrayList<>();
        for (int i = 0; i < WINDOWS; i++) {
            long high = upTo * (2L * i + 1) / (2L * WINDOWS) + WINDOW / 2;
            windows.add(new long[] {high - WINDOW, high});
        }
        return windows;
    }

    /** The distinct trigrams (three code points) of the text, ASCII case folded as FTS5 does, likely rarest first. */
    static List<String> trigrams(String text) {
        int[] points = text.toLowerCase(Locale.ROOT).codePoints().toArray();
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i + 3 <= points.length; i++) {
            distinct.add(new String(points, i, 3));
        }
        List<String> trigrams = new ArrayList<>(distinct);
        Collections.sort(trigrams, Comparator.comparingLong(TrigramSample::commonness));
        return trigrams.subList(0, Math.min(MAX_TRIGRAMS, trigrams.size()));
    }

    /** How many of the trigram's characters are among the most frequent in text (space and common letters). */
    private static long commonness(String trigram) {
        return trigram.chars().filter(c -> COMMON_CHARACTERS.indexOf(c) >= 0).count();
    }

    private static String sum(String table, String condition, int windows) {
        return String.join(
                " + ",
                Collections.nCopies(
                        windows,
                        "(SELECT COUNT(*) FROM " + table + " WHERE " + condition + "rowid > ? AND rowid <= ?)"));
    }
}
