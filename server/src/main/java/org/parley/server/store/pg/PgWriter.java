package org.parley.server.store.pg;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.parley.server.store.SqlStore;
import org.parley.server.store.SqlWork;
import org.parley.server.store.StoreException;
import org.parley.server.store.StoreException.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's only writer to PostgreSQL, the counterpart of SQLite's {@code WriteQueue}: it drains what is queued into
 * one transaction (group commit), each task under a savepoint, and runs callbacks after the commit in queue order.
 * What differs: each batch borrows a connection from the pool, so a restarted database is simply reconnected to;
 * message inserts run in conversation order (other nodes' batches take the same conversation locks in the same order,
 * so they cannot deadlock); a batch that lost a deadlock or serialization race is redone; and a commit whose answer
 * was lost with the connection is {@link Outcome#UNKNOWN}. Kept apart from {@code WriteQueue} because it differs in
 * all of that, while the SQLite writer's checks are about SQLite's own failure modes.
 */
final class PgWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgWriter.class);
    private static final int MAX_BATCH = 512;
    /** A deadlock victim's batch is redone at once; beyond this many tries it is answered UNAVAILABLE. */
    private static final int MAX_ATTEMPTS = 3;
    /** Work without a conversation runs first, then inserts by conversation name. */
    private static final Comparator<Task<?>> EXECUTION_ORDER = Comparator.comparing(Task::conversation,
            Comparator.nullsFirst(Comparator.naturalOrder()));

    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final DataSource pool;
    private final Thread thread;
    private volatile boolean closing;

    PgWriter(DataSource pool) {
        this.pool = pool;
        this.thread = new Thread(this::run, "parley-pg-writer");
        thread.start();
    }

    <T> CompletableFuture<T> submit(SqlWork<T> work, Consumer<? super T> onCommitted) {
        Task<T> task = new Task<>(work, onCommitted);
        if (closing) {
            task.future.completeExceptionally(StoreException.storage(Outcome.NOT_DONE, false, "store is closing", null));
            return task.future;
        }
        queue.add(task);
        return task.future;
    }

    private void run() {
        List<Task<?>> batch = new ArrayList<>();
        while (true) {
            try {
                Task<?> first = queue.take();
                if (first.isPoison()) {
                    return;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                boolean stop = batch.removeIf(Task::isPoison);
                commit(batch);
                batch.clear();
                if (stop) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void commit(List<Task<?>> batch) {
        List<Task<?>> ordered = new ArrayList<>(batch);
        ordered.sort(EXECUTION_ORDER);
        for (int attempt = 1; ; attempt++) {
            try {
                if (attempt(ordered)) {
                    batch.forEach(Task::finish);
                }
                return;
            } catch (SQLException e) {
                if (PgFaults.retryable(e) && attempt < MAX_ATTEMPTS) {
                    LOG.info("batch of {} writes lost a race ({}); redoing it", batch.size(), PgFaults.describe(e));
                    continue;
                }
                abandon(batch, StoreException.storage(Outcome.NOT_DONE, PgFaults.full(e),
                        "nothing stored: " + PgFaults.describe(e), e));
                return;
            }
        }
    }

    /**
     * One transaction for the batch. Throws when it was lost before its commit (nothing stored); returns false when the
     * commit itself failed (the batch is answered here), true when it committed.
     */
    private boolean attempt(List<Task<?>> ordered) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Task<?> task : ordered) {
                    runInSavepoint(c, task);
                }
            } catch (SQLException e) {
                rollbackQuietly(c);
                throw e;
            }
            try {
                c.commit();
                return true;
            } catch (SQLException e) {
                // An error answered by the server means it rolled back; a lost connection leaves the commit's fate unknown.
                StoreException failure = PgFaults.connectionLost(e)
                        ? StoreException.storage(Outcome.UNKNOWN, false, "commit failed, outcome unknown: " + PgFaults.describe(e), e)
                        : StoreException.storage(Outcome.NOT_DONE, PgFaults.full(e), "commit failed: " + PgFaults.describe(e), e);
                abandon(ordered, failure);
                return false;
            }
        }
    }

    /** Runs one task; its own SQL error fails it alone. A fault of the database ends the whole transaction (rethrown). */
    private static void runInSavepoint(Connection c, Task<?> task) throws SQLException {
        task.reset();
        Savepoint savepoint = c.setSavepoint();
        try {
            task.execute(c);
        } catch (SQLException e) {
            if (PgFaults.storage(e)) {
                throw e;
            }
            c.rollback(savepoint);
            task.failure = StoreException.bug("write failed: " + PgFaults.describe(e), e);
            return;
        } catch (RuntimeException e) {
            c.rollback(savepoint);
            task.failure = e;
            return;
        }
        c.releaseSavepoint(savepoint);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed: {}", PgFaults.describe(e));
        }
    }

    private static void abandon(List<Task<?>> batch, StoreException failure) {
        LOG.error("group commit of {} writes failed ({}): {}", batch.size(),
                failure.outcome() == Outcome.UNKNOWN ? "outcome unknown" : "nothing stored", failure.getMessage());
        batch.forEach(task -> task.future.completeExceptionally(failure));
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        queue.add(Task.poison());
        thread.join();
    }

    private static final class Task<T> {
        private final SqlWork<T> work;
        private final Consumer<? super T> onCommitted;
        private final CompletableFuture<T> future = new CompletableFuture<>();
        private T result;
        private Exception failure;

        Task(SqlWork<T> work, Consumer<? super T> onCommitted) {
            this.work = work;
            this.onCommitted = onCommitted;
        }

        static Task<Void> poison() {
            return new Task<>(null, null);
        }

        boolean isPoison() {
            return work == null;
        }

        String conversation() {
            return work instanceof SqlStore.Append append ? append.message().conv() : null;
        }

        void reset() {
            result = null;
            failure = null;
        }

        void execute(Connection connection) throws SQLException {
            result = work.run(connection);
        }

        void finish() {
            if (failure != null) {
                future.completeExceptionally(failure);
                return;
            }
            try {
                if (onCommitted != null) {
                    onCommitted.accept(result);
                }
                future.complete(result);
            } catch (RuntimeException e) {
                LOG.error("post-commit callback failed", e);
                future.completeExceptionally(e);
            }
        }
    }
}
