package org.parley.server.store;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A SQL database as {@link SqlStore} uses it: one writer thread that group-commits queued work (callbacks after the
 * commit, in order), readers beside it. {@link Database} is SQLite's, {@code pg.PgDatabase} PostgreSQL's.
 */
public interface SqlEngine extends AutoCloseable {

    /** Queues work for the writer thread; {@code onCommitted} runs on that thread after the commit, in order. */
    <T> CompletableFuture<T> write(SqlWork<T> work, Consumer<? super T> onCommitted);

    /** Like {@link #write}, refused at once with a {@link StoreException} while storage is short. */
    <T> CompletableFuture<T> writeIfRoom(SqlWork<T> work, Consumer<? super T> onCommitted);

    <T> CompletableFuture<T> read(SqlWork<T> work);

    /** Completes once every message committed so far can be found by a search (readers see the index then). */
    CompletableFuture<Void> searchable();

    /** See {@link Store#location()}. */
    String location();

    boolean created();

    void backupTo(Path target) throws Backup.Failure;

    @Override
    void close();
}
