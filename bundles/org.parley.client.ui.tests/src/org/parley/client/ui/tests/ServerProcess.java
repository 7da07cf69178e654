package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.parley.client.core.ServerAddress;

/**
 * The real Parley server as a separate process on 127.0.0.1 (jar from the {@code parley.server.jar} system
 * property). Restartable on the same port and data directory, so clients can resume their sessions.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Parley server listening on [^\\s]*:(\\d+)");
    private static final Pattern FINGERPRINT = Pattern.compile("SHA-256 fingerprint:\\s*([0-9A-Fa-f:]{95})");
    private static final long START_SECONDS = 60;

    private final Path dataDir;
    private final StringBuffer output = new StringBuffer();
    private Process process;
    private volatile int port;
    private volatile String fingerprint;

    private ServerProcess(Path dataDir) {
        this.dataDir = dataDir;
    }

    static ServerProcess start(Path dataDir) throws Exception {
        ServerProcess server = new ServerProcess(dataDir);
        server.launch(0);
        return server;
    }

    /** Another server (its own data directory, so its own certificate) on a port given up by an earlier one. */
    static ServerProcess startOnPort(Path dataDir, int port) throws Exception {
        ServerProcess server = new ServerProcess(dataDir);
        server.launch(port);
        return server;
    }

    ServerAddress address() {
        return new ServerAddress("127.0.0.1", port);
    }

    String fingerprint() {
        return fingerprint;
    }

    /** Stops and starts again on the same port; retries while the old socket still holds the port. */
    void restart() throws Exception {
        stop();
        launch(port);
    }

    private void launch(int wantedPort) throws Exception {
        Path jar = Path.of(System.getProperty("parley.server.jar", "../../server/target/parley-server.jar"));
        assertTrue(Files.isRegularFile(jar), "server jar missing (set -Dparley.server.jar): " + jar.toAbsolutePath());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (tryLaunch(jar, wantedPort)) {
                return;
            }
            Thread.sleep(500);
        }
        fail("server did not start within " + START_SECONDS + " s; output:\n" + output);
    }

    private boolean tryLaunch(Path jar, int wantedPort) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-jar", jar.toString(), "--bind", "127.0.0.1", "--port",
                Integer.toString(wantedPort), "--data-dir", dataDir.toString()).redirectErrorStream(true).start();
        CountDownLatch listening = new CountDownLatch(1);
        Process started = process;
        Thread reader = new Thread(() -> read(started, listening), "parley-server-output");
        reader.setDaemon(true);
        reader.start();
        while (!listening.await(100, TimeUnit.MILLISECONDS)) {
            if (!started.isAlive()) {
                return false; // typically "address in use" right after a restart
            }
        }
        return true;
    }

    private void read(Process from, CountDownLatch listening) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(from.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.append(line).append('\n');
                Matcher fp = FINGERPRINT.matcher(line);
                if (fp.find()) {
                    fingerprint = fp.group(1).toUpperCase();
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                    listening.countDown();
                }
            }
        } catch (IOException e) {
            // The process ended; its exit is what the caller checks.
        }
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
