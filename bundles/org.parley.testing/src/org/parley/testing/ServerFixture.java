package org.parley.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.parley.client.core.ServerAddress;
import org.parley.testing.launch.RestartableServer;
import org.parley.testing.launch.ServerLauncher;

/**
 * The client and UI tests' view of the real Parley server: the built jar ({@code java -jar parley-server.jar}) as a
 * {@link RestartableServer} on 127.0.0.1, its address as the client core's {@link ServerAddress}, and failures to
 * start as test errors. No fakes: tests talk TLS to the shipped server.
 */
public final class ServerFixture implements AutoCloseable {
    private final RestartableServer server;

    private ServerFixture(RestartableServer server) {
        this.server = server;
    }

    /** Starts a server on a free port with its own data directory (and so its own certificate). */
    public static ServerFixture start(Path dataDir) {
        return start(dataDir, 0);
    }

    /** Starts a server on the given port (0 for a free one), e.g. an impostor on the port a known server gave up. */
    public static ServerFixture start(Path dataDir, int port) {
        return start(dataDir, port, new String[0]);
    }

    /** Starts a server on the given port (0: a free one) with more command-line options, e.g. a storage watermark. */
    public static ServerFixture start(Path dataDir, int port, String... options) {
        return start(dataDir, port, List.of(options), Map.of());
    }

    /** Starts a server whose TLS identity is a given PKCS12 keystore (e.g. a CA-signed certificate). */
    public static ServerFixture startWithKeystore(Path dataDir, Path keystore, String password) {
        return start(dataDir, 0, List.of("--keystore", keystore.toString()),
                Map.of("PARLEY_KEYSTORE_PASSWORD", password));
    }

    private static ServerFixture start(Path dataDir, int port, List<String> options, Map<String, String> env) {
        ServerLauncher launcher = ServerLauncher.jar(ServerLauncher.builtJar()).withJvmOptions(List.of("-Xmx256m"))
                .withEnvironment(env);
        // Every test registers fresh users from 127.0.0.1: far more than one address may by default.
        List<String> all = new ArrayList<>(List.of("--register-burst", "1000000", "--register-rate", "1000000"));
        all.addAll(options);
        return new ServerFixture(unchecked(() -> RestartableServer.start(launcher, dataDir, dataDir.getParent(), port,
                all)));
    }

    public ServerAddress address() {
        return new ServerAddress(server.host(), server.port());
    }

    public int port() {
        return server.port();
    }

    /** The SHA-256 fingerprint the server printed for its certificate. */
    public String fingerprint() {
        return server.fingerprint();
    }

    /** What the running server has printed so far (stdout and the log). */
    public List<String> output() {
        return server.output();
    }

    /** Stops gracefully and starts again on the same port with the same data directory. */
    public void restart() {
        unchecked(() -> {
            server.restart();
            return null;
        });
    }

    /** SIGKILL (like a crash or power cut), then a start on the same port with the same data directory. */
    public void crashAndRestart() {
        unchecked(() -> {
            server.crashAndRestart();
            return null;
        });
    }

    /** Graceful stop (SIGTERM: the server closes its connections and its database). */
    public void stop() {
        server.stop();
    }

    @Override
    public void close() {
        stop();
    }

    private interface Start<T> {
        T run() throws Exception;
    }

    private static <T> T unchecked(Start<T> start) {
        try {
            return start.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("server did not start: " + e.getMessage(), e);
        }
    }
}
