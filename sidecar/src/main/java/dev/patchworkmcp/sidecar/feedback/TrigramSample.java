package dev.patchworkmcp.sidecar.feedback;

import dev.patchworkmcp.sidecar.db.Rows;
import io.helidon.dbclient.DbExecute;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tells whether a text is too common for SQLite's trigram index to pay off: the index walks the posting list of
 * every trigram of the text, so its cost grows with the rarest trigram's document count, while a scan of the
 * reports (newest first) finds a page of a common text at once. Measured at 1,000,000 reports (bench/README.md),
 * the index stays ahead up to about a tenth of the reports and falls far behind above (6x at every report).
 *
 * <p>The share is estimated on the newest {@link #SAMPLE} indexed reports: FTS5 counts a trigram's documents in
 * that rowid range by seeking, about 0.1 ms for a trigram found in every report. (An {@code fts5vocab} table gives
 * exact counts but walks the whole posting list: 40 ms per trigram that is in every one of 1,000,000 reports.)
 * A text that is common only in older reports is still answered correctly, just by the slower path. Stateless.
 */
final class TrigramSample {
    /** Indexed reports sampled, newest first. */
    static final int SAMPLE = 1_000;

    /** Above this share of the sample, even for the rarest trigram, a scan beats the index. */
    static final double MAX_SHARE = 0.10;

    private TrigramSample() {}

    /** True when every trigram of {@code text} (3 characters or more) is in more than {@link #MAX_SHARE}. */
    static boolean common(DbExecute db, String text) {
        long upTo = db.get("SELECT indexed_up_to FROM feedback_fts_progress")
                .map(row -> Rows.number(row, "indexed_up_to"))
                .orElse(0L);
        long low = Math.max(0, upTo - SAMPLE);
        long sampled = db.get("SELECT COUNT(*) AS n FROM feedback WHERE rowid > ? AND rowid <= ?", low, upTo)
                .map(row -> Rows.number(row, "n"))
                .orElse(0L);
        if (sampled == 0) {
            return false;
        }
        List<String> counts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (String trigram : trigrams(text)) {
            counts.add("(SELECT COUNT(*) FROM feedback_fts WHERE feedback_fts MATCH ? AND rowid > ? AND rowid <= ?)");
            params.addAll(List.of(TextSearch.phrase(trigram), low, upTo));
        }
        if (counts.size() == 1) {
            counts.add(counts.get(0)); // SQL's MIN() of values needs two of them
            params.addAll(List.copyOf(params));
        }
        long rarest = db.get("SELECT MIN(" + String.join(", ", counts) + ") AS n", params.toArray())
                .map(row -> Rows.number(row, "n"))
                .orElse(0L);
        return rarest > MAX_SHARE * sampled;
    }

    /** The distinct trigrams (three code points) of the text, ASCII case folded as FTS5 folds it. */
    static Set<String> trigrams(String text) {
        int[] points = text.toLowerCase(Locale.ROOT).codePoints().toArray();
        Set<String> trigrams = new LinkedHashSet<>();
        for (int i = 0; i + 3 <= points.length; i++) {
            trigrams.add(new String(points, i, 3));
        }
        return trigrams;
    }
}
