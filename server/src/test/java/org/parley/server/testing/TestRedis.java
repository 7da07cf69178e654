package org.parley.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.parley.server.bus.BusTarget;

/**
 * A throw-away Redis for the bus tests: Debian's {@code redis-server} (releng/install-test-deps) on a free loopback
 * port, no persistence, in the foreground so the test owns the process. {@link #stop} and {@link #start} again on the
 * same port is a Redis restart as the nodes see it: every connection dropped, every subscription gone.
 */
public final class TestRedis implements AutoCloseable {
    /** How long Redis may take to say it is ready, or to exit. */
    private static final int READY_SECONDS = 10;
    private static final String READY = "Ready to accept connections";

    private final int port;
    private Process process;

    private TestRedis(int port) {
        this.port = port;
    }

    public static TestRedis start() throws Exception {
        TestRedis redis = new TestRedis(freePort());
        redis.launch();
        return redis;
    }

    public int port() {
        return port;
    }

    public BusTarget target() {
        return new BusTarget("127.0.0.1", port);
    }

    /** Starts it (again) on its port; returns once it has logged that it accepts connections. */
    public synchronized void launch() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Redis on port " + port + " is running");
        }
        process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no").redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    if (line.contains(READY)) {
                        return true;
                    }
                }
            } catch (IOException e) {
                // Exited: answered below.
            }
            return false;
        });
        boolean up;
        try {
            up = ready.get(READY_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            up = false;
        }
        if (!up) {
            process.destroyForcibly();
            throw new IOException("redis-server on port " + port + " did not start:\n" + seen);
        }
        // Keep reading, so its log never fills the pipe and blocks it.
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discarded
                }
            } catch (IOException e) {
                // gone
            }
        }, "test-redis-" + port);
        drain.setDaemon(true);
        drain.start();
    }

    /** Stops it (SIGTERM, no data saved) and waits until it has exited. */
    public synchronized void stop() throws Exception {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(READY_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(READY_SECONDS, TimeUnit.SECONDS);
        }
        process = null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (Exception e) {
            System.err.println("stopping the test Redis on port " + port + " failed: " + e.getMessage());
        }
    }
}
