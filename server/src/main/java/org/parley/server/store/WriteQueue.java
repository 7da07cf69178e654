package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only thread that writes to the database. It drains everything queued since its last commit into one
 * transaction (group commit), so a burst of sends costs one fsync instead of one each. Each task runs under
 * its own savepoint: a constraint violation fails that task alone. A failed batch is answered with a
 * {@link StoreException} saying whether anything of it may be stored, and the next batch starts afresh, so the
 * writer recovers by itself once the disk takes writes again. Callbacks run on this thread after the
 * commit and in queue order, which is what lets fan-out deliver messages in id order.
 *
 * <p>The search index ({@link SearchIndex}) is brought up to date in the same transaction as the writes, but only
 * once {@value #INDEX_AFTER} tasks have committed without it, when a search asks ({@link #indexed}) and when the
 * queue closes: FTS5 writes a new segment at every commit that indexes anything, which made indexing ~200 µs of a
 * ~300 µs one-message commit at ordinary load (releng/bench/FINDINGS.md, stop 16).
 */
final class WriteQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteQueue.class);
    private static final int MAX_BATCH = 512;
    /** Tasks that may commit before their messages are indexed; bounds the work a search or an open may have to do. */
    static final int INDEX_AFTER = 128;

    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Connection connection;
    private final Thread thread;
    private volatile boolean closing;
    /**
     * Tasks committed since the index last caught up (not all of them wrote messages: a harmless over-count). Raised
     * before a batch's callbacks run, so whoever has seen a message acknowledged sees it above zero until the index
     * holds that message.
     */
    private final AtomicInteger unindexed = new AtomicInteger();

    WriteQueue(Connection connection) throws SQLException {
        this.connection = connection;
        // Transactions are begun and ended by this class's own statements, so that their outcome can be checked.
        connection.setAutoCommit(true);
        SearchIndex.addNewMessages(connection); // messages written without this class; autocommit: its own transaction
        this.thread = new Thread(this::run, "parley-db-writer");
        thread.start();
    }

    Connection connection() {
        return connection;
    }

    <T> CompletableFuture<T> submit(SqlWork<T> work, Consumer<? super T> onCommitted) {
        return enqueue(new Task<>(work, onCommitted));
    }

    /** Queues a task for the writer thread, or fails it at once once the queue is closing. */
    private <T> CompletableFuture<T> enqueue(Task<T> task) {
        if (closing) {
            task.future.completeExceptionally(StoreException.closing());
            return task.future;
        }
        queue.add(task);
        return task.future;
    }

    /**
     * Completes once every message committed so far is in the search index: at once when it is, else after a commit
     * that indexes them (queued behind the writes already waiting).
     */
    CompletableFuture<Void> indexed() {
        if (unindexed.get() == 0) {
            return CompletableFuture.completedFuture(null);
        }
        return enqueue(Task.indexing());
    }

    private void run() {
        List<Task<?>> batch = new ArrayList<>();
        while (true) {
            try {
                Task<?> first = queue.take();
                if (first.isPoison()) {
                    if (unindexed.get() > 0) {
                        commit(batch); // nothing but the index: closing, so the file is left fully indexed
                    }
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

    /**
     * One transaction for the batch, begun and ended by explicit statements whose every failure is checked: SQLite
     * may roll a transaction back by itself on SQLITE_FULL or SQLITE_IOERR, and statements run after that would each
     * commit on their own (that once made a full disk store every later write yet answer it with an error).
     */
    private void commit(List<Task<?>> batch) {
        try {
            execute("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            rollback(); // a transaction left open by a failure SQLite did not clean up would refuse every BEGIN
            abandon(batch, StoreException.notDone("could not begin a transaction", e));
            return;
        }
        for (Task<?> task : batch) {
            try {
                execute("SAVEPOINT task");
                runInSavepoint(task);
            } catch (SQLException e) {
                // The transaction is gone (SQLite rolled it back with the failing statement): nothing of it is stored.
                rollback();
                abandon(batch, StoreException.notDone("transaction lost", e));
                return;
            }
        }
        boolean index = closing || unindexed.get() + batch.size() >= INDEX_AFTER || batch.stream().anyMatch(Task::indexes);
        if (index) {
            try {
                SearchIndex.addNewMessages(connection);
            } catch (SQLException e) {
                rollback();
                abandon(batch, StoreException.notDone("search index update failed", e));
                return;
            }
        }
        try {
            execute("COMMIT");
        } catch (SQLException e) {
            boolean wasOpen = rollback();
            // Still open (now rolled back), or a WAL write failed: the commit record was never written. Any other
            // commit failure (an fsync's EIO) may have left a complete commit in the WAL, found by the next start.
            abandon(batch, wasOpen || StoreException.commitRecordUnwritten(e) ? StoreException.notDone("commit failed", e)
                    : StoreException.unknown("commit failed, outcome unknown", e));
            unindexed.addAndGet(batch.size()); // an unknown outcome may have stored them
            return;
        }
        if (index) {
            unindexed.set(0);
        } else {
            unindexed.addAndGet(batch.size());
        }
        batch.forEach(Task::finish);
    }

    /**
     * Runs one task; its own failure is undone by its savepoint and fails it alone. Throws only when the savepoint
     * itself cannot be released or rolled back to, which means the whole transaction is gone.
     */
    private void runInSavepoint(Task<?> task) throws SQLException {
        try {
            task.execute(connection);
        } catch (SQLException | RuntimeException e) {
            StatementCache.forgetStatements(connection); // a failed statement's state is not known
            try {
                execute("ROLLBACK TO task");
                execute("RELEASE task");
            } catch (SQLException lost) {
                // Report what ended the transaction (e.g. SQLITE_FULL), not the missing savepoint it left behind.
                throw e instanceof SQLException s ? s : lost;
            }
            task.failure = e instanceof SQLException s && StoreException.isStorageFault(s)
                    ? StoreException.notDone("write failed", s) : e;
            return;
        }
        execute("RELEASE task");
    }

    private void execute(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }

    /** Rolls back the open transaction; false when there was none (SQLite had ended it) or the rollback failed. */
    private boolean rollback() {
        StatementCache.forgetStatements(connection); // a failed statement's state is not known
        try {
            execute("ROLLBACK");
            return true;
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                LOG.warn("rollback failed: {}", StoreException.describe(e));
            }
            return false;
        }
    }

    /** Fails every task of the batch with one log line (the clients hear about it; no stack trace per batch). */
    private static void abandon(List<Task<?>> batch, StoreException failure) {
        LOG.error("group commit of {} writes failed ({}): {}", batch.size(),
                failure.outcome() == StoreException.Outcome.UNKNOWN ? "outcome unknown" : "nothing stored", failure.getMessage());
        batch.forEach(task -> task.future.completeExceptionally(failure));
    }

    /** Lets queued work finish, then stops the thread; nothing submitted afterwards is accepted. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        queue.add(Task.poison());
        thread.join();
    }

    private static final class Task<T> {
        private final SqlWork<T> work;
        private final Consumer<? super T> onCommitted;
        /** Whether the commit of this task's batch must bring the search index up to date. */
        private final boolean indexes;
        private final CompletableFuture<T> future = new CompletableFuture<>();
        private T result;
        private Exception failure;

        Task(SqlWork<T> work, Consumer<? super T> onCommitted) {
            this(work, onCommitted, false);
        }

        private Task(SqlWork<T> work, Consumer<? super T> onCommitted, boolean indexes) {
            this.work = work;
            this.onCommitted = onCommitted;
            this.indexes = indexes;
        }

        static Task<Void> poison() {
            return new Task<>(null, null);
        }

        static Task<Void> indexing() {
            return new Task<>(c -> null, null, true);
        }

        boolean isPoison() {
            return work == null;
        }

        boolean indexes() {
            return indexes;
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
