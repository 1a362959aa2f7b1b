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
 * reports (newest first) finds a page of a common text at once but always counts with a full scan (0.4 to 1.1 s
 * at 1,000,000 reports). Measured there (bench/README.md) the index takes about 4.6 s times the share of the
 * reports holding its rarest trigram: 0.55 s at 11% (the scan: 0.84 s), 4.6 s at 100% (the scan: 0.43 s). The
 * threshold {@link #MAX_SHARE} of 20% keeps the index's worst case near the scan's (about 0.9 s).
 *
 * <p>The share is estimated on a sample of the index: {@link #WINDOWS} runs of {@link #WINDOW} consecutive
 * rowids spread evenly over it, so that a text clustered in one period (a burst, an incident) weighs at most one
 * window, less than {@link #MAX_SHARE} of the sample. FTS5 counts a trigram's documents in a rowid range by
 * seeking; the trigrams least likely to be common are asked first, one small statement each, and the first rare one
 * ends the search.
 * (An {@code fts5vocab} table gives exact counts but walks the whole posting list: 40 ms per trigram that is in
 * every one of 1,000,000 reports.) A misjudged text is still answered correctly, by the slower path. Stateless.
 */
final class TrigramSample {
    static final int WINDOWS = 12;
    static final int WINDOW = 80;

    /** Above this share of the sample, even for the rarest trigram, a scan beats the index. */
    static final double MAX_SHARE = 0.20;

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
        // The windows as a constant table driving the join: one rowid-range seek per window.
        String values = String.join(", ", Collections.nCopies(windows.size(), "(?, ?)"));
        List<Object> bounds = new ArrayList<>();
        windows.forEach(window -> bounds.addAll(List.of(window[0], window[1])));
        long sampled = count(
                db,
                "SELECT COUNT(*) AS n FROM (VALUES " + values + ") AS w CROSS JOIN feedback"
                        + " WHERE feedback.rowid > w.column1 AND feedback.rowid <= w.column2",
                bounds);
        String sql = "SELECT COUNT(*) AS n FROM (VALUES " + values + ") AS w CROSS JOIN feedback_fts"
                + " WHERE feedback_fts MATCH ? AND feedback_fts.rowid > w.column1 AND feedback_fts.rowid <= w.column2";
        for (String trigram : trigrams(text)) {
            List<Object> params = new ArrayList<>(bounds);
            params.add(TextSearch.phrase(trigram));
            if (count(db, sql, params) <= MAX_SHARE * sampled) {
                return false;
            }
        }
        return sampled > 0;
    }

    private static long count(DbExecute db, String sql, List<Object> params) {
        return db.get(sql, params.toArray()).map(row -> Rows.number(row, "n")).orElse(0L);
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
}
