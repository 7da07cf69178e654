package org.parley.testing.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL 15 server of the caller's own, for tests and {@code releng/run-cluster}: Debian's {@code postgresql-15}
 * binaries, a data directory in a temp directory of its own, a free port on 127.0.0.1 (its Unix socket in that directory). As root they
 * run as the {@code postgres} user ({@code runuser}), since initdb refuses root. TCP logins need {@link #PASSWORD}
 * (scram-sha-256), so a wrong password is really refused; local socket logins are trusted (administration here).
 * Only the processes: JDBC is the server tests' business ({@code org.parley.server.testing.TestPostgres}).
 */
public final class LocalPostgres implements AutoCloseable {
    public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    public static final String SUPERUSER = "postgres";
    public static final String PASSWORD = "pg-test-secret";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean speedOnly;

    private LocalPostgres(Path dir, int port, boolean speedOnly) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.speedOnly = speedOnly;
    }

    /**
     * Makes a new cluster in a new temp directory and starts it. The directory is its own, right under the temp
     * directory: as root, the {@code postgres} user must be able to reach it, which a caller's private directory
     * would not allow.
     *
     * @param speedOnly {@code fsync=off}: only where durability across a crash is never checked
     */
    public static LocalPostgres start(boolean speedOnly) throws Exception {
        Path dir = Files.createTempDirectory("parley-pg");
        LocalPostgres pg = new LocalPostgres(dir, FreePort.pick(), speedOnly);
        Files.writeString(dir.resolve("pwfile"), PASSWORD + "\n");
        if (ROOT) {
            run(List.of("chown", "-R", SUPERUSER + ":" + SUPERUSER, dir.toString()));
        }
        pg.bin("initdb", "-D", pg.data.toString(), "-U", SUPERUSER, "-E", "UTF8", "--auth-local=trust",
                "--auth-host=scram-sha-256", "--pwfile=" + dir.resolve("pwfile"));
        pg.startServer();
        return pg;
    }

    public Path dir() {
        return dir;
    }

    public int port() {
        return port;
    }

    /** {@code postgresql://postgres:PASSWORD@127.0.0.1:PORT/DB}, what the server's {@code --store} takes. */
    public String url(String database) {
        return "postgresql://" + SUPERUSER + ":" + PASSWORD + "@127.0.0.1:" + port + "/" + database;
    }

    /** The same URL without the password (it must then come from a file or the environment). */
    public String urlWithoutPassword(String database) {
        return "postgresql://" + SUPERUSER + "@127.0.0.1:" + port + "/" + database;
    }

    /** The running postmaster (from its pid file), if any: to notice it ending, since pg_ctl detaches it. */
    public java.util.Optional<ProcessHandle> postmaster() {
        try {
            String first = Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim();
            return ProcessHandle.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Creates an empty database (over the Unix socket, with {@code createdb}). */
    public void createDatabase(String name) throws Exception {
        bin("createdb", "-h", dir.toString(), "-p", Integer.toString(port), "-U", SUPERUSER, name);
    }

    /** Stops the server ({@code -m fast}: sessions are cut off, as in a database restart); {@link #restart} brings it back. */
    public void stop() throws Exception {
        bin("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop");
    }

    /** Starts it again after {@link #stop}, on the same port with the same data. */
    public void restart() throws Exception {
        startServer();
    }

    /** Stops it at once ({@code -m immediate}) if it runs; reports a failure on stderr rather than throwing. */
    public void stopQuietly() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                bin("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
            }
        } catch (Exception e) {
            System.err.println("stopping PostgreSQL in " + dir + " failed: " + e.getMessage());
        }
    }

    /** Stops it if it runs and deletes its directory. */
    @Override
    public void close() {
        stopQuietly();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("deleting " + dir + " failed: " + e.getMessage());
        }
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
}
