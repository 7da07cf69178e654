package org.parley.server.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.parley.protocol.ServerMessage;
import org.parley.server.testing.TestClient;
import org.parley.testing.launch.ServerLauncher;
import org.parley.testing.launch.ServerLauncher.LaunchedServer;

/**
 * {@link Main} in a child JVM through the shared launcher (the test class path, as the jar is not built yet), for what
 * cannot be done in-process: SIGKILL, SIGTERM, the startup lines a script reads.
 */
final class MainProcess {

    private MainProcess() {
    }

    static LaunchedServer start(Path dataDir, Path log) throws Exception {
        return start(dataDir, log, Map.of());
    }

    /** With extra environment variables and command-line options. */
    static LaunchedServer start(Path dataDir, Path log, Map<String, String> env, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--bind", "127.0.0.1", "--port", "0", "--data-dir",
                dataDir.toString()));
        args.addAll(List.of(options));
        return ServerLauncher.classPath(System.getProperty("java.class.path")).withEnvironment(env).start(log, args);
    }

    /** A protocol client past the welcome, pinned to the certificate the server announced. */
    static TestClient connect(LaunchedServer server) throws Exception {
        TestClient client = TestClient.connect(new InetSocketAddress(server.startup().host(), server.port()),
                server.fingerprint());
        client.await(ServerMessage.Welcome.class);
        return client;
    }
}
