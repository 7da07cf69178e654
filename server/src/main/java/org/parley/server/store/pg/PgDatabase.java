package org.parley.server.store.pg;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.parley.server.ExitCode;
import org.parley.server.StartupException;
import org.parley.server.store.Backup;
import org.parley.server.store.SqlEngine;
import org.parley.server.store.SqlStore;
import org.parley.server.store.SqlWork;
import org.parley.server.store.StoreException;
import org.parley.server.store.StoreException.Outcome;
import org.parley.server.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A PostgreSQL database shared by the nodes of a cluster: a HikariCP pool (pgjdbc), this node's single writer
 * ({@link PgWriter}) and a few readers. Connections are made afresh whenever one breaks, so the node recovers by
 * itself when the database comes back; while it is away every request that needs it fails fast ({@link #CONNECT_TIMEOUT})
 * and is answered UNAVAILABLE.
 */
public final class PgDatabase implements SqlEngine {
    private static final Logger LOG = LoggerFactory.getLogger(PgDatabase.class);
    private static final int READERS = 4;
    /** What the admin commands call themselves in {@code pg_stat_activity}, in place of a node id. */
    private static final String ADMIN = "admin command";
    /** How long a request waits for a connection: long enough for a healthy pool, short enough to answer while it is down. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** A statement (or commit) this long without an answer means the database or the network is gone. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

    private final PgTarget target;
    private final boolean created;
    private final HikariDataSource pool;
    private final PgWriter writer;
    private final ExecutorService readers;

    private PgDatabase(PgTarget target, boolean created, HikariDataSource pool) {
        this.target = target;
        this.created = created;
        this.pool = pool;
        this.writer = new PgWriter(pool);
        this.readers = Executors.newFixedThreadPool(READERS, NamedThreads.daemon("parley-pg-reader"));
    }

    /** The store on {@code target}: checks that it is reachable and Parley's (or empty), migrates it, opens the pool. */
    public static SqlStore open(PgTarget target, String nodeId) throws StartupException {
        return new SqlStore(connect(target, nodeId), PgMessages::insert, PgSearch::find);
    }

    static PgDatabase connect(PgTarget target, String nodeId) throws StartupException {
        boolean created;
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), properties(target, nodeId))) {
            created = prepareSchema(c, target) == 0;
        } catch (SQLException e) {
            throw PgFaults.startup(target, e);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("parley-pg");
        config.setJdbcUrl(target.jdbcUrl());
        config.setDataSourceProperties(properties(target, nodeId));
        config.setMaximumPoolSize(READERS + 1);
        config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        // Checked just above; a database that goes away later is the pool's to reconnect to, not a startup fault.
        config.setInitializationFailTimeout(-1);
        return new PgDatabase(target, created, new HikariDataSource(config));
    }

    /**
     * A single connection to {@code target} with Parley's schema in place, for {@code parley-server migrate}; answers
     * the schema version found before (0: the database was empty).
     */
    public static Connection openForCopy(PgTarget target) throws StartupException {
        Properties p = properties(target, "migrate");
        p.setProperty("reWriteBatchedInserts", "true"); // a batch of inserts as one multi-row statement
        return single(target, p, false);
    }

    /**
     * A single connection to {@code target} for the admin commands ({@code users}): Parley's database, migrated to
     * this server's schema like a node would. An empty database is refused rather than set up: a mistyped URL must not
     * look like a store without accounts.
     */
    public static Connection openForAdmin(PgTarget target) throws StartupException {
        return single(target, properties(target, ADMIN), true);
    }

    /** One connection with Parley's schema in place; {@code refuseEmpty}: an empty database is exit 11, untouched. */
    private static Connection single(PgTarget target, Properties p, boolean refuseEmpty) throws StartupException {
        Connection c = null;
        try {
            c = DriverManager.getConnection(target.jdbcUrl(), p);
            if (refuseEmpty) {
                PgMigrations.Found found = PgMigrations.inspect(c);
                if (found.version() == 0 && !found.foreign()) {
                    throw new StartupException(ExitCode.NO_DATABASE, "PostgreSQL database " + target
                            + " holds no Parley data; check --store");
                }
            }
            prepareSchema(c, target);
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw PgFaults.startup(target, e);
        } catch (StartupException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * The {@code --node-id}s of the nodes connected to the database now ({@code pg_stat_activity}), admin commands
     * left out: nodes keep accounts in memory, so deleting one under them is refused while any runs.
     */
    public static List<String> connectedNodes(Connection c) throws SQLException {
        List<String> nodes = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT substr(application_name, 8) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name LIKE 'parley %'"
                + " AND application_name <> ? ORDER BY 1")) {
            s.setString(1, applicationName(ADMIN));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    nodes.add(rs.getString(1));
                }
            }
        }
        return nodes;
    }

    private static void closeQuietly(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException e) {
            LOG.debug("closing failed: {}", PgFaults.describe(e));
        }
    }

    /** Refuses another program's database and a newer schema, migrates Parley's; answers the version found before. */
    private static int prepareSchema(Connection c, PgTarget target) throws SQLException, StartupException {
        PgMigrations.Found found = PgMigrations.inspect(c);
        if (found.foreign()) {
            throw new StartupException(ExitCode.STORE_FOREIGN, "PostgreSQL database " + target + " holds tables that"
                    + " are not Parley's (" + String.join(", ", found.foreignTables()) + "); give Parley a database of"
                    + " its own (createdb) and name it in --store");
        }
        if (found.version() > PgMigrations.LATEST) {
            throw new StartupException(ExitCode.SCHEMA_TOO_NEW, "PostgreSQL database " + target + " has schema version "
                    + found.version() + ", newer than this server's " + PgMigrations.LATEST + "; run the newer server");
        }
        int before = PgMigrations.migrate(c);
        if (before != PgMigrations.LATEST) {
            LOG.info("PostgreSQL store {} migrated from schema v{} to v{}", target, before, PgMigrations.LATEST);
        }
        return before;
    }

    /** {@code parley NODE-ID}, cut to PostgreSQL's 63 bytes: how a node shows in {@code pg_stat_activity}. */
    private static String applicationName(String nodeId) {
        return ("parley " + nodeId).substring(0, Math.min(63, 7 + nodeId.length()));
    }

    /** Connection settings of pgjdbc: the login, bounded waits, and the node's name in pg_stat_activity. */
    private static Properties properties(PgTarget target, String nodeId) {
        Properties p = new Properties();
        p.setProperty("user", target.user());
        if (target.password() != null) {
            p.setProperty("password", new String(target.password()));
        }
        p.setProperty("ApplicationName", applicationName(nodeId));
        p.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT.toSeconds()));
        p.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT.toSeconds()));
        p.setProperty("tcpKeepAlive", "true");
        return p;
    }

    @Override
    public <T> CompletableFuture<T> write(SqlWork<T> work, Consumer<? super T> onCommitted) {
        return writer.submit(work, onCommitted);
    }

    /** PostgreSQL's index is a generated column's: written with each message, in its transaction. */
    @Override
    public CompletableFuture<Void> searchable() {
        return CompletableFuture.completedFuture(null);
    }

    /** The database's disk is not this machine's: PostgreSQL reports a full one itself (53100, answered UNAVAILABLE). */
    @Override
    public <T> CompletableFuture<T> writeIfRoom(SqlWork<T> work, Consumer<? super T> onCommitted) {
        return writer.submit(work, onCommitted);
    }

    @Override
    public <T> CompletableFuture<T> read(SqlWork<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try (Connection c = pool.getConnection()) {
                return work.run(c);
            } catch (SQLException e) {
                if (PgFaults.storage(e)) {
                    LOG.warn("read failed: {}", PgFaults.describe(e));
                    return fail(StoreException.storage(Outcome.NOT_DONE, PgFaults.full(e), PgFaults.describe(e), e));
                }
                return fail(StoreException.bug(PgFaults.describe(e), e));
            }
        }, readers);
    }

    private static <T> T fail(StoreException e) {
        throw e;
    }

    @Override
    public String location() {
        return target.location();
    }

    @Override
    public boolean created() {
        return created;
    }

    @Override
    public void backupTo(Path target) throws Backup.Failure {
        throw new Backup.Failure("the store is PostgreSQL (" + this.target + "): back it up with pg_dump or"
                + " PostgreSQL's base backups, not with parley-server backup", null);
    }

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
        pool.close();
    }
}
