package org.parley.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.parley.server.ExitCode;
import org.parley.server.ServerConfig;
import org.parley.server.StartupException;
import org.parley.server.util.FileErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The SQLite file: one writer connection behind {@link WriteQueue}, a small pool of reader connections
 * (WAL lets them read while the writer commits). Nothing here ever runs on a MINA I/O thread.
 *
 * <p>Every connection uses SQLite's {@code unix-excl} VFS: the first connection takes a lock on the file that
 * shuts out every other process, and the WAL index lives in this process's heap, shared by all of its
 * connections, instead of in a memory-mapped {@code -shm} file. A mapped file that is cut short or cannot get
 * disk pages (a full tmpfs) kills the JVM with SIGBUS inside SQLite; heap memory cannot. Unlike
 * {@code locking_mode=EXCLUSIVE}, which gives the same heap index to a single connection only, this keeps
 * readers running alongside the writer.
 */
public final class Database implements SqlEngine {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int READERS = 2;

    private final Path file;
    private final boolean created;
    private final WriteQueue writer;
    private final ExecutorService readers;
    private final ThreadLocal<Connection> readerConnection = new ThreadLocal<>();
    private final List<Connection> readerConnections = new CopyOnWriteArrayList<>();
    private final FreeSpace freeSpace;
    private final DiskCheck diskCheck;

    private Database(Path file, Connection writerConnection, boolean created, long minFreeBytes) throws SQLException {
        this.file = file;
        this.created = created;
        this.freeSpace = new FreeSpace(file.toAbsolutePath().getParent(), minFreeBytes, System::nanoTime);
        this.diskCheck = new DiskCheck(file, file.resolveSibling(file.getFileName() + "-wal"));
        this.writer = new WriteQueue(StatementCache.wrap(writerConnection));
        this.readers = Executors.newFixedThreadPool(READERS, r -> new Thread(r, "parley-db-reader"));
    }

    /** Opens (creating if needed) and migrates the database file: default integrity check budget, no watermark. */
    public static Database open(Path file) throws SQLException, StartupException {
        return open(file, new ServerConfig().integrityCheckBudget(), 0);
    }

    /**
     * Opens the database file, creating it only where no file exists; checks an existing one (for at most
     * {@code checkBudget}) and upgrades its schema. Every reason it cannot is a {@link StartupException}.
     * {@link #writeIfRoom} refuses writes while its file system has less than {@code minFreeBytes} free.
     */
    public static Database open(Path file, Duration checkBudget, long minFreeBytes) throws SQLException, StartupException {
        boolean created = DatabaseFile.prepare(file);
        Connection connection = connectOrFault(file);
        try {
            if (!created) {
                requireKnownSchema(connection, file);
                IntegrityCheck.require(connection, file, checkBudget);
                int before = Migrations.migrate(connection, Migrations.LATEST);
                if (before != Migrations.LATEST) {
                    LOG.info("database {} migrated from schema v{} to v{}", file, before, Migrations.LATEST);
                }
            }
            return new Database(file, connection, created, minFreeBytes);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw DatabaseFaults.describe(file, e);
        } catch (StartupException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * For the admin commands: a connection to the existing database at its current schema (upgraded if
     * older), or one line saying why not.
     */
    public static Connection openExisting(Path file) throws StartupException {
        DatabaseFile.checkExisting(file);
        Connection connection = connectOrFault(file);
        try {
            requireKnownSchema(connection, file);
            Migrations.migrate(connection, Migrations.LATEST);
            // A file a crash left may hold messages the index does not yet (WriteQueue indexes every few commits),
            // and FTS5 corrupts its index when asked to delete a row it never indexed (users delete does).
            SearchIndex.addNewMessages(connection);
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw DatabaseFaults.describe(file, e);
        } catch (StartupException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static Connection connectOrFault(Path file) throws StartupException {
        try {
            return connect(file);
        } catch (SQLException e) {
            throw DatabaseFaults.describe(file, e);
        }
    }

    private static void requireKnownSchema(Connection connection, Path file) throws SQLException, StartupException {
        int version = Migrations.version(connection);
        if (version > Migrations.LATEST) {
            throw new StartupException(ExitCode.SCHEMA_TOO_NEW, file + " has schema version " + version
                    + ", newer than this server's " + Migrations.LATEST + "; run the newer server (its data is untouched)");
        }
    }

    /**
     * A plain connection with the server's durability settings, for admin commands and tests. A file it
     * creates is owner-only (SQLite would make it 0644), and SQLite gives its -wal the same mode.
     */
    public static Connection connect(Path file) throws SQLException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (IOException e) {
            throw new SQLiteException("cannot create " + file + ": " + FileErrors.reason(e), SQLiteErrorCode.SQLITE_CANTOPEN);
        }
        SQLiteConfig config = new SQLiteConfig();
        // Else the driver runs a "SELECT last_insert_rowid()", prepared anew, after every INSERT: two per message sent,
        // a tenth of the writer's time (JFR, 100-client room). The one id the server needs comes from RETURNING.
        config.setGetGeneratedKeys(false);
        Connection connection = DriverManager.getConnection(url(file), config.toProperties());
        try (Statement statement = connection.createStatement()) {
            // First access to the file: fails at once (SQLITE_BUSY, before busy_timeout is set) if another
            // process holds it; a wait would not help, as a server never lets go.
            statement.execute("PRAGMA journal_mode = WAL");
            // FULL: the WAL is fsynced on every commit, so an acknowledged message survives even power loss.
            statement.execute("PRAGMA synchronous = FULL");
            statement.execute("PRAGMA foreign_keys = ON");
            statement.execute("PRAGMA busy_timeout = 5000");
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
        return connection;
    }

    /** A URI filename naming the VFS; '%', '?' and '#' in the path must be escaped to stay part of it. */
    private static String url(Path file) {
        String path = file.toAbsolutePath().toString().replace("%", "%25").replace("?", "%3f").replace("#", "%23");
        return "jdbc:sqlite:file:" + path + "?vfs=unix-excl";
    }

    public Path file() {
        return file;
    }

    @Override
    public String location() {
        return file.toAbsolutePath().toString();
    }

    /** Whether this open created the file (first start). */
    @Override
    public boolean created() {
        return created;
    }

    /** Queues work for the writer thread; {@code onCommitted} runs on that thread after the commit, in order. */
    @Override
    public <T> CompletableFuture<T> write(SqlWork<T> work, Consumer<? super T> onCommitted) {
        return writer.submit(work, onCommitted);
    }

    /** SQLite's index lags its messages by up to {@link WriteQueue#INDEX_AFTER} commits: this catches it up. */
    @Override
    public CompletableFuture<Void> searchable() {
        return writer.indexed();
    }

    public <T> CompletableFuture<T> write(SqlWork<T> work) {
        return writer.submit(work, null);
    }

    /**
     * Like {@link #write(SqlWork, Consumer)}, for writes that grow the database (messages, accounts, rooms): refused
     * with a {@link StoreException} at once while free space is below the watermark. Writes that keep users logged
     * in (tokens) or shrink the data use {@link #write} and go on.
     */
    @Override
    public <T> CompletableFuture<T> writeIfRoom(SqlWork<T> work, Consumer<? super T> onCommitted) {
        if (!freeSpace.enough()) {
            return CompletableFuture.failedFuture(StoreException.lowOnSpace("storage nearly full: " + freeSpace.describe()));
        }
        return writer.submit(work, onCommitted);
    }

    @Override
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

    /**
     * Copies the database to {@code target} on a connection of its own, on the caller's thread: a reader, so the
     * writer keeps committing meanwhile, and not one of the pool's, which keep serving history.
     */
    @Override
    public void backupTo(Path target) throws Backup.Failure {
        try (Connection connection = connect(file)) {
            Backup.copy(connection, target);
        } catch (SQLException e) {
            throw new Backup.Failure("cannot read " + file + " for the backup: " + e.getMessage(), e);
        }
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
