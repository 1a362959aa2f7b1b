package dev.patchworkmcp.sidecar.feedback;

import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.db.Rows;
import java.util.concurrent.TimeUnit;

/**
 * Keeps SQLite's text index ({@code feedback_fts}, migration V3) up with the reports: a background thread adds
 * the reports above {@code feedback_fts_progress.indexed_up_to} in chunks of {@link #CHUNK}, each in its own
 * short write transaction, once ingest has been quiet for {@link #QUIET_MILLIS} (so a burst of reports is
 * stored at full speed and indexed right after), or at once when more than {@link #MAX_BACKLOG} reports wait
 * (so a search never scans more than that: about 60 ms of CPU; a burst of that size is 10 s at 5,000 reports/s). Searches are correct at every moment: they scan the reports
 * above {@code indexed_up_to} (see {@link TextSearch}). Thread-safe.
 */
final class SqliteTextIndex implements TextIndex {
    static final int CHUNK = 256;
    static final long QUIET_MILLIS = 100;
    static final long MAX_BACKLOG = 50_000;
    private static final System.Logger LOG = System.getLogger(SqliteTextIndex.class.getName());
    private static final String COLUMNS = "what_i_needed, what_i_tried, suggestion, user_goal, server_name";

    private final Database database;
    private volatile Thread worker;
    private final Object wake = new Object();
    private volatile long lastIngest = System.nanoTime();
    private volatile boolean closed;

    SqliteTextIndex(Database database) {
        this.database = database;
    }

    /** Starts the indexer's thread. */
    @Override
    public synchronized void start() {
        if (worker != null) {
            throw new IllegalStateException("The text indexer is already started.");
        }
        worker = Thread.ofPlatform().daemon().name("patchwork-text-index").start(this::run);
    }

    /** Waits for a quiet moment before indexing (the worker looks every 100 ms). */
    @Override
    public void ingested() {
        lastIngest = System.nanoTime();
    }

    @Override
    public long catchUp() {
        long total = 0;
        int indexed;
        do {
            indexed = indexChunk();
            total += indexed;
        } while (indexed == CHUNK && !closed);
        return total;
    }

    private void run() {
        while (!closed) {
            try {
                synchronized (wake) {
                    wake.wait(QUIET_MILLIS);
                }
                while (!closed && (quiet() || backlog() > MAX_BACKLOG) && indexChunk() == CHUNK) {
                    // keep going while there is more and ingest stays quiet (or the backlog is long)
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // e.g. the database is closing; try again on the next round
                LOG.log(System.Logger.Level.DEBUG, "Text indexing failed: {0}", e.getMessage());
                pause();
            }
        }
    }

    private boolean quiet() {
        return System.nanoTime() - lastIngest > TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);
    }

    /** An upper bound of the reports waiting (rowids above indexed_up_to), read from two index lookups. */
    long backlog() {
        return database.read(db -> db.get("SELECT COALESCE((SELECT MAX(rowid) FROM feedback), 0) - indexed_up_to AS n"
                        + " FROM feedback_fts_progress")
                .map(row -> Rows.number(row, "n"))
                .orElse(0L));
    }

    /** Adds the next reports above indexed_up_to to the index and moves it up, in one transaction. */
    private int indexChunk() {
        return database.transaction(tx -> {
            long from = tx.get("SELECT indexed_up_to FROM feedback_fts_progress")
                    .map(row -> Rows.number(row, "indexed_up_to"))
                    .orElse(0L);
            long to = tx.get(
                            "SELECT COALESCE(MAX(rowid), ?) AS last FROM (SELECT rowid FROM feedback WHERE rowid > ?"
                                    + " ORDER BY rowid LIMIT ?)",
                            from,
                            from,
                            CHUNK)
                    .map(row -> Rows.number(row, "last"))
                    .orElse(from);
            if (to <= from) {
                return 0;
            }
            long indexed = tx.insert(
                    "INSERT INTO feedback_fts (rowid, " + COLUMNS + ") SELECT rowid, " + COLUMNS
                            + " FROM feedback WHERE rowid > ? AND rowid <= ?",
                    from,
                    to);
            tx.update("UPDATE feedback_fts_progress SET indexed_up_to = ?", to);
            return (int) indexed;
        });
    }

    private void pause() {
        synchronized (wake) {
            try {
                wake.wait(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        Thread started = worker;
        if (started == null) {
            return;
        }
        try {
            started.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
