package dev.patchworkmcp.sidecar.feedback;

import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.db.Dialect;

/**
 * Keeps the database's text index up with the reports: {@link SqliteTextIndex} on SQLite; nothing on PostgreSQL,
 * whose pg_trgm indexes are current after every insert. Thread-safe.
 */
sealed interface TextIndex extends AutoCloseable permits SqliteTextIndex, TextIndex.None {
    /** The index for {@code database}'s dialect; it works in the background once {@link #start started}. */
    static TextIndex of(Database database) {
        return database.dialect() == Dialect.SQLITE ? new SqliteTextIndex(database) : new None();
    }

    /** Starts indexing in the background. */
    void start();

    /** Ingest just stored a report. */
    void ingested();

    /** Indexes every waiting report now; returns how many. */
    long catchUp();

    @Override
    void close();

    /** No index to keep. */
    record None() implements TextIndex {
        @Override
        public void start() {}

        @Override
        public void ingested() {}

        @Override
        public long catchUp() {
            return 0;
        }

        @Override
        public void close() {}
    }
}
