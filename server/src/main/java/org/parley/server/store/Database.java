package org.parley.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite file: one writer connection behind {@link WriteQueue}, a small pool of reader connections
 * (WAL lets them read while the writer commits). Nothing here ever runs on a MINA I/O thread.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int READERS = 2;

    private final Path file;
    private final WriteQueue writer;
    private final ExecutorService readers;
    private final ThreadLocal<Connection> readerConnection = new ThreadLocal<>();
    private final List<Connection> readerConnections = new CopyOnWriteArrayList<>();

    private final FreeSpace freeSpace;
    private final DiskCheck diskCheck;

    private Database(Path file, Connection writerConnection, long minFreeBytes) throws SQLException {
        this.file = file;
        this.freeSpace = new FreeSpace(file.toAbsolutePath().getParent(), minFreeBytes, System::nanoTime);
        this.diskCheck = new DiskCheck(file, file.resolveSibling(file.getFileName() + "-wal"));
        this.writer = new WriteQueue(writerConnection);
        this.readers = Executors.newFixedThreadPool(READERS, r -> new Thread(r, "parley-db-reader"));
    }

    /** Opens (creating if needed) and migrates the database file, without a free-space watermark. */
    public static Database open(Path file) throws SQLException {
        return open(file, 0);
    }

    /**
     * Opens (creating if needed) and migrates the database file; {@link #writeIfRoom} refuses writes while its file
     * system has less than {@code minFreeBytes} free.
     */
    public static Database open(Path file, long minFreeBytes) throws SQLException {
        Connection connection = connect(file);
        int before = Migrations.migrate(connection, Migrations.LATEST);
        if (before != Migrations.LATEST) {
            LOG.info("database {} migrated from schema v{} to v{}", file, before, Migrations.LATEST);
        }
        return new Database(file, connection, minFreeBytes);
    }

    /** A plain connection with the server's durability settings, for admin commands and tests. */
    public static Connection connect(Path file) throws SQLException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create directory for " + file, e);
        }
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            // FULL: the WAL is fsynced on every commit, so an acknowledged message survives even power loss.
            statement.execute("PRAGMA synchronous = FULL");
            statement.execute("PRAGMA foreign_keys = ON");
            statement.execute("PRAGMA busy_timeout = 5000");
        }
        return connection;
    }

    public Path file() {
        return file;
    }

    /** Queues work for the writer thread; {@code onCommitted} runs on that thread after the commit, in order. */
    public <T> CompletableFuture<T> write(SqlWork<T> work, Consumer<? super T> onCommitted) {
        return writer.submit(work, onCommitted);
    }

    public <T> CompletableFuture<T> write(SqlWork<T> work) {
        return writer.submit(work, null);
    }

    /**
     * Like {@link #write(SqlWork, Consumer)}, for writes that grow the database (messages, accounts, rooms): refused
     * with a {@link StoreException} at once while free space is below the watermark. Writes that keep users logged
     * in (tokens) or shrink the data use {@link #write} and go on.
     */
    public <T> CompletableFuture<T> writeIfRoom(SqlWork<T> work, Consumer<? super T> onCommitted) {
        if (!freeSpace.enough()) {
            return CompletableFuture.failedFuture(StoreException.lowOnSpace("storage nearly full: " + freeSpace.describe()));
        }
        return writer.submit(work, onCommitted);
    }

    public <T> CompletableFuture<T> read(SqlWork<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.run(readerConnection());
            } catch (SQLException e) {
                throw readFailure(e);
            }
        }, readers);
    }

    /** One log line per failed read, saying whether the disk failed or the file is damaged; the client hears UNAVAILABLE. */
    private StoreException readFailure(SQLException e) {
        StoreException failure = new StoreException(e);
        if (failure.isStorage()) {
            Optional<String> ioError = StoreException.mayBeIoError(e) ? diskCheck.ioError() : Optional.empty();
            LOG.warn("read failed: {}", ioError.map(io -> io + " (SQLite reported: " + failure.getMessage() + ")")
                    .orElse(failure.getMessage()));
        }
        return failure;
    }

    private Connection readerConnection() throws SQLException {
        Connection connection = readerConnection.get();
        if (connection == null) {
            connection = connect(file);
            readerConnection.set(connection);
            readerConnections.add(connection);
        }
        return connection;
    }

    /** Finishes queued writes, then closes every connection. */
    @Override
    public void close() {
        try {
            writer.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        readers.shutdown();
        try {
            readers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection connection : readerConnections) {
            closeQuietly(connection);
        }
        closeQuietly(writer.connection());
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing a database connection failed", e);
        }
    }
}
