package org.parley.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only thread that writes to the database. It drains everything queued since its last commit into one
 * transaction (group commit), so a burst of sends costs one fsync instead of one each. Each task runs under
 * its own savepoint: a constraint violation fails that task alone. Callbacks run on this thread after the
 * commit and in queue order, which is what lets fan-out deliver messages in id order.
 */
final class WriteQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteQueue.class);
    private static final int MAX_BATCH = 512;

    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Connection connection;
    private final Thread thread;
    private volatile boolean closing;

    WriteQueue(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
        this.thread = new Thread(this::run, "parley-db-writer");
        thread.start();
    }

    Connection connection() {
        return connection;
    }

    <T> CompletableFuture<T> submit(SqlWork<T> work, Consumer<? super T> onCommitted) {
        Task<T> task = new Task<>(work, onCommitted);
        if (closing) {
            task.future.completeExceptionally(new SQLException("database is closing"));
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
        try (Statement statement = connection.createStatement()) {
            for (Task<?> task : batch) {
                statement.execute("SAVEPOINT task");
                try {
                    task.execute(connection);
                    statement.execute("RELEASE task");
                } catch (SQLException | RuntimeException e) {
                    statement.execute("ROLLBACK TO task");
                    statement.execute("RELEASE task");
                    task.failure = e;
                }
            }
            connection.commit();
        } catch (SQLException e) {
            LOG.error("group commit of {} writes failed", batch.size(), e);
            rollbackQuietly();
            batch.forEach(task -> task.future.completeExceptionally(e));
            return;
        }
        batch.forEach(Task::finish);
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("rollback failed", e);
        }
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
