package org.parley.server.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL 15 server of the test's own: its own data directory under a temp directory, a free port on
 * 127.0.0.1, its socket in that directory. Debian's {@code postgresql-15} binaries (releng/install-test-deps); as root
 * (CI) they run as the {@code postgres} user, since initdb refuses root. TCP logins need the password
 * ({@link #PASSWORD}, scram-sha-256), so wrong passwords are really refused. Stopped and deleted by {@link #close()}
 * (and by a shutdown hook should the test JVM end first; {@link #shared()} is left to that hook).
 */
public final class TestPostgres implements AutoCloseable {
    public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    public static final String SUPERUSER = "postgres";
    public static final String PASSWORD = "pg-test-secret";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean speedOnly;
    private final Thread cleanup = new Thread(this::discard, "test-postgres-cleanup");
    private static TestPostgres shared;

    private TestPostgres(Path dir, int port, boolean speedOnly) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.speedOnly = speedOnly;
    }

    /** A durable server (fsync on), for tests that check what survives. */
    public static TestPostgres start() throws Exception {
        return start(false);
    }

    /** @param speedOnly {@code fsync=off}: only for tests that never check durability across a crash */
    public static TestPostgres start(boolean speedOnly) throws Exception {
        Path dir = Files.createTempDirectory("parley-pg");
        TestPostgres pg = new TestPostgres(dir, freePort(), speedOnly);
        Runtime.getRuntime().addShutdownHook(pg.cleanup);
        Files.writeString(dir.resolve("pwfile"), PASSWORD + "\n");
        if (ROOT) {
            run(List.of("chown", "-R", SUPERUSER + ":" + SUPERUSER, dir.toString()));
        }
        pg.bin("initdb", "-D", pg.data.toString(), "-U", SUPERUSER, "-E", "UTF8", "--auth-local=trust",
                "--auth-host=scram-sha-256", "--pwfile=" + dir.resolve("pwfile"));
        pg.startServer();
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
        return port;
    }

    /** A new, empty database owned by the superuser; a new name on each call. */
    public String createDatabase() throws SQLException {
        String name = "parley_test_" + DATABASES.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name);
        return name;
    }

    /** {@code postgresql://postgres:PASSWORD@127.0.0.1:PORT/DB}, what {@code --store} takes. */
    public String url(String database) {
        return "postgresql://" + SUPERUSER + ":" + PASSWORD + "@127.0.0.1:" + port + "/" + database;
    }

    /** The same URL without the password (it must then come from a file or the environment). */
    public String urlWithoutPassword(String database) {
        return "postgresql://" + SUPERUSER + "@127.0.0.1:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, SUPERUSER, PASSWORD);
    }

    public void execute(String database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Stops the server ({@code -m fast}: sessions are cut off, as in a database restart); {@link #restart} brings it back. */
    public void stop() throws Exception {
        bin("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop");
    }

    /** Starts it again after {@link #stop}, on the same port with the same data. */
    public void restart() throws Exception {
        startServer();
    }

    private void startServer() throws Exception {
        String options = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1" + (speedOnly ? " -c fsync=off" : "");
        bin("pg_ctl", "-D", data.toString(), "-o", options, "-l", dir.resolve("log").toString(), "-w", "start");
    }

    private void bin(String program, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (ROOT) {
            command.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        command.add(BIN.resolve(program).toString());
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + new String(output));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void stopQuietly() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                bin("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
            }
        } catch (Exception e) {
            System.err.println("stopping the test PostgreSQL in " + dir + " failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running or has run
        }
        discard();
    }

    /** Stops the server and deletes its directory. */
    private void discard() {
        stopQuietly();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("deleting " + dir + " failed: " + e.getMessage());
        }
    }
}
