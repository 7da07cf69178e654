package org.parley.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.parley.server.bus.BusTarget;

/**
 * A throw-away Redis for the bus tests: Debian's {@code redis-server} (releng/install-test-deps) on a free loopback
 * port, no persistence, in the foreground so the test owns the process. {@link #stop} and {@link #start} again on the
 * same port is a Redis restart as the nodes see it: every connection dropped, every subscription gone.
 * {@link #secured} is one that wants a password and speaks only TLS, with a certificate made for the test.
 */
public final class TestRedis implements AutoCloseable {
    /** How long Redis may take to say it is ready, or to exit. */
    private static final int READY_SECONDS = 10;
    private static final String READY = "Ready to accept connections";

    private final int port;
    /** Null: no AUTH. */
    private final String password;
    /** Null: plain TCP; else the PEM certificate (also the CA to trust: it is self-signed) and key Redis serves. */
    private final TestCertificate certificate;
    private Process process;

    private TestRedis(int port, String password, TestCertificate certificate) {
        this.port = port;
        this.password = password;
        this.certificate = certificate;
    }

    public static TestRedis start() throws Exception {
        TestRedis redis = new TestRedis(freePort(), null, null);
        redis.launch();
        return redis;
    }

    /** A Redis with {@code requirepass password} listening only for TLS, its certificate's files in {@code dir}. */
    public static TestRedis secured(String password, Path dir) throws Exception {
        TestRedis redis = new TestRedis(freePort(), password, TestCertificate.create(dir, "redis"));
        redis.launch();
        return redis;
    }

    public int port() {
        return port;
    }

    /** What a node needs to reach it: the password and, for TLS, the certificate to trust. */
    public BusTarget target() {
        BusTarget plain = new BusTarget("127.0.0.1", port, certificate != null, null, null, null)
                .withPassword(password == null ? null : password.toCharArray());
        return certificate == null ? plain : plain.withTrustedCas(certificate.certificatePem());
    }

    /** Starts it (again) on its port; returns once it has logged that it accepts connections. */
    public synchronized void launch() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Redis on port " + port + " is running");
        }
        List<String> command = new ArrayList<>(List.of("redis-server", "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--daemonize", "no"));
        if (certificate == null) {
            command.addAll(List.of("--port", String.valueOf(port)));
        } else {
            command.addAll(List.of("--port", "0", "--tls-port", String.valueOf(port), "--tls-auth-clients", "no",
                    "--tls-cert-file", certificate.certificatePem().toString(),
                    "--tls-key-file", certificate.keyPem().toString()));
        }
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
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
