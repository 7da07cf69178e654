package org.parley.testing.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.parley.testing.launch.ServerLauncher.LaunchedServer;

/**
 * A server started by {@link ServerLauncher} on 127.0.0.1 that can be stopped, crashed and started again on the same
 * port with the same data directory, as an operator's restart would: clients resume their sessions. Each start logs
 * to its own file {@code <logDir>/<data dir name>-<n>.log}. Used by the client and UI tests and the benchmark.
 */
public final class RestartableServer implements AutoCloseable {
    /** How often a start on a just-released port is tried again (the port may still be busy for a moment). */
    private static final int START_ATTEMPTS = 20;
    private static final long RETRY_PAUSE_MILLIS = 500;

    private final ServerLauncher launcher;
    private final Path dataDir;
    private final Path logDir;
    private final List<String> options;
    private LaunchedServer running;
    private String host;
    private int port;
    private String fingerprint;
    private int starts;

    private RestartableServer(ServerLauncher launcher, Path dataDir, Path logDir, List<String> options) {
        this.launcher = launcher;
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.options = List.copyOf(options);
    }

    /**
     * Starts {@code launcher}'s server on {@code port} (0: a free one) with the data directory {@code dataDir} and
     * the further command-line {@code options}.
     */
    public static RestartableServer start(ServerLauncher launcher, Path dataDir, Path logDir, int port,
            List<String> options) throws IOException, TimeoutException {
        RestartableServer server = new RestartableServer(launcher, dataDir, logDir, options);
        server.launch(port);
        return server;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The SHA-256 fingerprint the server printed for its certificate. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The running process (null while stopped). */
    public ChildProcess process() {
        return running == null ? null : running.process();
    }

    /** What the running server has printed so far (stdout and the log). */
    public List<String> output() {
        return running == null ? List.of() : running.process().output();
    }

    /** Stops gracefully and starts again on the same port with the same data directory. */
    public void restart() throws IOException, TimeoutException {
        stop();
        launch(port);
    }

    /** SIGKILL (a crash or power cut: no shutdown hook), then a start on the same port and data directory. */
    public void crashAndRestart() throws IOException, TimeoutException, InterruptedException {
        kill();
        launch(port);
    }

    /** SIGKILL and no start: a node of a cluster that died. */
    public void kill() throws InterruptedException {
        if (running != null) {
            running.process().kill();
            running = null;
        }
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

    private void launch(int requestedPort) throws IOException, TimeoutException {
        List<String> args = new ArrayList<>(List.of("--bind", "127.0.0.1", "--port", Integer.toString(requestedPort),
                "--data-dir", dataDir.toString()));
        args.addAll(options);
        for (int attempt = 1;; attempt++) {
            starts++;
            try {
                running = launcher.start(logDir.resolve(dataDir.getFileName() + "-" + starts + ".log"), args);
                host = running.startup().host();
                port = running.port();
                fingerprint = running.fingerprint();
                return;
            } catch (IOException | TimeoutException e) {
                if (requestedPort == 0 || attempt == START_ATTEMPTS) {
                    throw e;
                }
                pause();
            }
        }
    }

    /** Between attempts to bind a port a process just released: nothing to wait on but the kernel. */
    private static void pause() throws IOException {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for port to be released", e);
        }
    }
}
