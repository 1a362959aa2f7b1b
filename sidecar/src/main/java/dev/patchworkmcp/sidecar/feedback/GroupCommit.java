package dev.patchworkmcp.sidecar.feedback;

import dev.patchworkmcp.sidecar.db.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes concurrently arriving reports in shared transactions (group commit): one writer thread takes whatever
 * is queued, up to {@link #MAX_BATCH}, and inserts it in one transaction, so many writers pay for one commit.
 * Under light load a batch is a single report and nothing waits. If a batch fails, its reports are retried one
 * by one so a bad row fails only its own request. Thread-safe.
 */
final class GroupCommit implements AutoCloseable {
    static final int MAX_BATCH = 256;
    private static final System.Logger LOG = System.getLogger(GroupCommit.class.getName());

    private record Pending(List<Object> params, FeedbackInput report, CompletableFuture<Boolean> inserted) {}

    private final Database database;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile Thread writer;
    private volatile boolean closed;

    GroupCommit(Database database) {
        this.database = database;
    }

    /** Starts the writer thread. Call once, before the first {@link #insert}. */
    synchronized void start() {
        if (writer != null) {
            throw new IllegalStateException("The group-commit writer is already started.");
        }
        writer = Thread.ofPlatform().daemon().name("patchwork-group-commit").start(this::run);
    }

    /** Inserts one row of {@link FeedbackRows#INSERT}; false when its idempotency key already existed. */
    boolean insert(List<Object> params, FeedbackInput report) {
        if (closed) {
            throw new IllegalStateException("The sidecar is stopping; the report was not stored. Retry later.");
        }
        if (writer == null) {
            throw new IllegalStateException("The report store is not started; call FeedbackStore.start() first.");
        }
        CompletableFuture<Boolean> inserted = new CompletableFuture<>();
        queue.add(new Pending(params, report, inserted));
        try {
            return inserted.orTimeout(60, TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            Pending first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (first == null) {
                if (closed) {
                    break;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            write(batch);
            batch.clear();
        }
        queue.forEach(p -> p.inserted().completeExceptionally(new IllegalStateException("The sidecar stopped")));
    }

    private void write(List<Pending> batch) {
        try {
            List<Boolean> results = database.transaction(tx -> {
                List<Boolean> inserted = new ArrayList<>(batch.size());
                List<FeedbackInput> added = new ArrayList<>(batch.size());
                for (Pending pending : batch) {
                    boolean stored =
                            tx.insert(FeedbackRows.INSERT, pending.params().toArray()) == 1;
                    inserted.add(stored);
                    if (stored) {
                        added.add(pending.report());
                    }
                }
                SummaryTable.added(tx, added);
                return inserted;
            });
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).inserted().complete(results.get(i));
            }
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                batch.get(0).inserted().completeExceptionally(batchFailure);
                return;
            }
            LOG.log(System.Logger.Level.DEBUG, "A batch of {0} inserts failed; retrying one by one", batch.size());
            for (Pending pending : batch) {
                write(List.of(pending));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread started = writer;
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
