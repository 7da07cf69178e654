package org.parley.server.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.parley.protocol.ServerMessage;
import org.parley.testing.launch.ServerLauncher;
import org.parley.testing.launch.ServerLauncher.LaunchedServer;

/**
 * {@code org.parley.server.cli.Main} in a child JVM through the shared launcher (the test class path, as the jar is
 * not built yet), for what cannot be done in-process: SIGKILL, SIGTERM, the startup lines a script reads, process
 * limits.
 */
public final class MainProcess {
    /** How long a server may take to stop after SIGTERM (it closes connections, checkpoints the database). */
    public static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private MainProcess() {
    }

    public static LaunchedServer start(Path dataDir, Path log) throws Exception {
        return start(dataDir, log, Map.of());
    }

    /** With extra environment variables and command-line options. */
    public static LaunchedServer start(Path dataDir, Path log, Map<String, String> env, String... options)
            throws Exception {
        return startUnder(List.of(), dataDir, log, env, options);
    }

    /** Run by {@code wrapper} (e.g. {@code prlimit --nofile=400:400}), with extra environment and options. */
    public static LaunchedServer startUnder(List<String> wrapper, Path dataDir, Path log, Map<String, String> env,
            String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--bind", "127.0.0.1", "--port", "0", "--data-dir",
                dataDir.toString()));
        args.addAll(List.of(options));
        return launcher().under(wrapper).withEnvironment(env).start(log, args);
    }

    /** The server's command line from this test class path. */
    public static ServerLauncher launcher() {
        return ServerLauncher.classPath(System.getProperty("java.class.path"));
    }

    /** A protocol client past the welcome, pinned to the certificate the server announced. */
    public static TestClient connect(LaunchedServer server) throws Exception {
        return connectFrom(server, null);
    }

    /** From the loopback address {@code localHost} (null: the default). */
    public static TestClient connectFrom(LaunchedServer server, String localHost) throws Exception {
        TestClient client = TestClient.connectFrom(localHost, server.address(), server.fingerprint());
        client.await(ServerMessage.Welcome.class);
        return client;
    }

    /** SIGTERM; the exit code (143 for a clean stop on the signal). */
    public static int terminate(LaunchedServer server) throws InterruptedException {
        return server.process().terminate(STOP_GRACE);
    }
}
