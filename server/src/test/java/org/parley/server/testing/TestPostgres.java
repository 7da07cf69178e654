package org.parley.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.parley.testing.launch.LocalPostgres;

/**
 * A throw-away PostgreSQL 15 server of the test's own ({@link LocalPostgres}: its own data directory under a temp
 * directory, a free port on 127.0.0.1, {@code runuser -u postgres} when root), plus JDBC for the tests. Stopped and
 * deleted by {@link #close()} (and by a shutdown hook should the test JVM end first; {@link #shared()} is left to that
 * hook).
 */
public final class TestPostgres implements AutoCloseable {
    public static final String SUPERUSER = LocalPostgres.SUPERUSER;
    public static final String PASSWORD = LocalPostgres.PASSWORD;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final LocalPostgres server;
    private final Thread cleanup;
    private static TestPostgres shared;

    private TestPostgres(LocalPostgres server) {
        this.server = server;
        this.cleanup = new Thread(server::close, "test-postgres-cleanup");
    }

    /** A durable server (fsync on), for tests that check what survives. */
    public static TestPostgres start() throws Exception {
        return start(false);
    }

    /** @param speedOnly {@code fsync=off}: only for tests that never check durability across a crash */
    public static TestPostgres start(boolean speedOnly) throws Exception {
        TestPostgres pg = new TestPostgres(LocalPostgres.start(speedOnly));
        Runtime.getRuntime().addShutdownHook(pg.cleanup);
        return pg;
    }

    /**
     * One fsync-off server for the tests of this JVM that need only databases of their own ({@link #createDatabase}),
     * removed by the shutdown hook: initdb and a start cost seconds, paid once instead of per class. Tests that stop or
     * restart PostgreSQL start their own.
     */
    public static synchronized TestPostgres shared() throws Exception {
        if (shared == null) {
            shared = start(true);
        }
        return shared;
    }

    public int port() {
        return server.port();
    }

    /** A new, empty database owned by the superuser; a new name on each call. */
    public String createDatabase() throws SQLException {
        String name = "parley_test_" + DATABASES.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name);
        return name;
    }

    /** {@code postgresql://postgres:PASSWORD@127.0.0.1:PORT/DB}, what {@code --store} takes. */
    public String url(String database) {
        return server.url(database);
    }

    /** The same URL without the password (it must then come from a file or the environment). */
    public String urlWithoutPassword(String database) {
        return server.urlWithoutPassword(database);
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/" + database, SUPERUSER, PASSWORD);
    }

    public void execute(String database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Stops the server ({@code -m fast}: sessions are cut off, as in a database restart); {@link #restart} brings it back. */
    public void stop() throws Exception {
        server.stop();
    }

    /** Starts it again after {@link #stop}, on the same port with the same data. */
    public void restart() throws Exception {
        server.restart();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running or has run
        }
        server.close();
    }
}
