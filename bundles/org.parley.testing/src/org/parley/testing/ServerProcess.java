package org.parley.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.parley.client.core.ServerAddress;
import org.parley.testing.launch.ServerLauncher;
import org.parley.testing.launch.ServerLauncher.LaunchedServer;

/**
 * The real Parley server as a child process on 127.0.0.1 ({@code java -jar parley-server.jar}, started by
 * {@link ServerLauncher}), for the client and UI tests. No fakes: tests talk TLS to the shipped server. Restartable on
 * the same port and data directory, so clients can resume their sessions.
 */
public final class ServerProcess implements AutoCloseable {
    private final Path dataDir;
    private final ServerLauncher launcher;
    private final List<String> extraArgs;
    private LaunchedServer running;
    private int port;
    private String fingerprint;
    private int starts;

    private ServerProcess(Path dataDir, List<String> extraArgs, Map<String, String> environment) {
        this.dataDir = dataDir;
        this.extraArgs = extraArgs;
        this.launcher = ServerLauncher.jar(ServerLauncher.builtJar()).withJvmOptions(List.of("-Xmx256m"))
                .withEnvironment(environment);
    }

    /** Starts a server on a free port with its own data directory (and so its own certificate). */
    public static ServerProcess start(Path dataDir) {
        return start(dataDir, 0);
    }

    /** Starts a server on the given port (0 for a free one), e.g. an impostor on the port a known server gave up. */
    public static ServerProcess start(Path dataDir, int port) {
        return start(dataDir, port, new String[0]);
    }

    /** Starts a server on the given port (0: a free one) with more command-line options, e.g. a storage watermark. */
    public static ServerProcess start(Path dataDir, int port, String... options) {
        ServerProcess server = new ServerProcess(dataDir, List.of(options), Map.of());
        server.launch(port);
        return server;
    }

    /** What the running server has printed so far (stdout and the log). */
    public List<String> output() {
        return running == null ? List.of() : running.process().output();
    }

    /** Starts a server whose TLS identity is a given PKCS12 keystore (e.g. a CA-signed certificate). */
    public static ServerProcess startWithKeystore(Path dataDir, Path keystore, String password) {
        ServerProcess server = new ServerProcess(dataDir, List.of("--keystore", keystore.toString()),
                Map.of("PARLEY_KEYSTORE_PASSWORD", password));
        server.launch(0);
        return server;
    }

    public ServerAddress address() {
        return new ServerAddress("127.0.0.1", port);
    }

    public int port() {
        return port;
    }

    /** The SHA-256 fingerprint the server printed for its certificate. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Stops gracefully and starts again on the same port with the same data directory. */
    public void restart() {
        stop();
        launch(port);
    }

    /**
     * Kills the process without warning (SIGKILL, like a crash or power cut) and starts it again on the same port
     * with the same data directory.
     */
    public void crashAndRestart() {
        if (running != null) {
            try {
                running.process().kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running = null;
        }
        launch(port);
    }

    /** Graceful stop (SIGTERM: the server closes its connections and its database). */
    public void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void launch(int requestedPort) {
        List<String> args = new ArrayList<>(List.of("--bind", "127.0.0.1", "--port", Integer.toString(requestedPort),
                "--data-dir", dataDir.toString(),
                // Every test registers fresh users from 127.0.0.1: far more than one address may by default.
                "--register-burst", "1000000", "--register-rate", "1000000"));
        args.addAll(extraArgs);
        Exception last = null;
        // A port just released may still be busy for a moment; retry the same port a few times.
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                running = launcher.start(dataDir.resolveSibling(dataDir.getFileName() + "-" + ++starts + ".log"), args);
                port = running.port();
                fingerprint = running.fingerprint();
                return;
            } catch (Exception e) {
                last = e;
                sleep(500);
            }
        }
        fail("server did not start on port " + requestedPort + ": " + last);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
