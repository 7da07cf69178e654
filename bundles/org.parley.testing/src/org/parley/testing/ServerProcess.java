package org.parley.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.parley.client.core.ServerAddress;

/**
 * The real Parley server as a child process on 127.0.0.1 ({@code java -jar parley-server.jar}), located by the
 * system property {@code parley.server.jar}. No fakes: tests talk TLS to the shipped server. Restartable on the same
 * port and data directory, so clients can resume their sessions.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Parley server listening on ([^\\s]+):(\\d+)");
    private static final Pattern FINGERPRINT = Pattern.compile("SHA-256 fingerprint: ([0-9A-Fa-f:]{95})");

    private final Path dataDir;
    private final List<String> extraArgs;
    private final Map<String, String> environment;
    private final StringBuffer output = new StringBuffer();
    private Process process;
    // Set by the thread reading the server's output.
    private volatile int port;
    private volatile String fingerprint;

    private ServerProcess(Path dataDir, List<String> extraArgs, Map<String, String> environment) {
        this.dataDir = dataDir;
        this.extraArgs = extraArgs;
        this.environment = environment;
    }

    /** Starts a server on a free port with its own data directory (and so its own certificate). */
    public static ServerProcess start(Path dataDir) {
        return start(dataDir, 0);
    }

    /** Starts a server on the given port (0 for a free one), e.g. an impostor on the port a known server gave up. */
    public static ServerProcess start(Path dataDir, int port) {
        ServerProcess server = new ServerProcess(dataDir, List.of(), Map.of());
        server.launch(port);
        return server;
    }

    /** Starts a server whose TLS identity is a given PKCS12 keystore (e.g. a CA-signed certificate). */
    public static ServerProcess startWithKeystore(Path dataDir, Path keystore, String password) {
        ServerProcess server = new ServerProcess(dataDir, List.of("--keystore", keystore.toString()),
                Map.of("PARLEY_KEYSTORE_PASSWORD", password));
        server.launch(0);
        return server;
    }

    public static Path jar() {
        String configured = System.getProperty("parley.server.jar");
        assertTrue(configured != null && Files.isRegularFile(Path.of(configured)),
                "parley.server.jar must name the built server jar (mvn -pl server package), got " + configured);
        return Path.of(configured);
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
        if (process != null) {
            process.destroyForcibly();
        }
        stop();
        launch(port);
    }

    /** Graceful stop (SIGTERM: the server closes its connections and its database). */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private void launch(int requestedPort) {
        // A port just released may still be busy for a moment; retry the same port a few times.
        for (int attempt = 0; attempt < 20; attempt++) {
            if (tryLaunch(requestedPort)) {
                return;
            }
            sleep(500);
        }
        fail("server did not start on port " + requestedPort + "; output:\n" + output);
    }

    private boolean tryLaunch(int requestedPort) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar().toString(), "--bind", "127.0.0.1",
                "--port", Integer.toString(requestedPort), "--data-dir", dataDir.toString(),
                // Every test registers fresh users from 127.0.0.1: far more than one address may by default.
                "--register-burst", "1000000", "--register-rate", "1000000"));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        CompletableFuture<Boolean> listening = new CompletableFuture<>();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the server", e);
        }
        Process started = process;
        Thread reader = new Thread(() -> readOutput(started, listening), "server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (listening.get(60, TimeUnit.SECONDS)) {
                return true;
            }
        } catch (Exception e) {
            // fall through: treat as not started
        }
        process.destroyForcibly();
        process = null;
        return false;
    }

    private void readOutput(Process started, CompletableFuture<Boolean> listening) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.append(line).append('\n');
                Matcher f = FINGERPRINT.matcher(line);
                if (f.find()) {
                    fingerprint = f.group(1);
                }
                Matcher l = LISTENING.matcher(line);
                if (l.find()) {
                    port = Integer.parseInt(l.group(2));
                    listening.complete(true);
                }
            }
        } catch (IOException e) {
            // process ended
        }
        listening.complete(false);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
