package org.parley.testing.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Redis of the caller's own, for tests and {@code releng/run-cluster}: Debian's {@code redis-server} on a free
 * loopback port, no persistence, in the foreground so the caller owns the process. {@link #stop} and {@link #launch}
 * again on the same port is a Redis restart as the nodes see it: every connection dropped, every subscription gone.
 */
public final class LocalRedis {
    /** How long Redis may take to say it is ready, or to exit. */
    private static final int READY_SECONDS = 10;
    private static final String READY = "Ready to accept connections";

    private final int port;
    private final List<String> wrapper;
    /** Empty: plain TCP, no password; else the TLS-only listener and {@code requirepass} options. */
    private final List<String> security;
    private Process process;

    private LocalRedis(int port, List<String> wrapper, List<String> security) {
        this.port = port;
        this.wrapper = List.copyOf(wrapper);
        this.security = List.copyOf(security);
    }

    public static LocalRedis start() throws Exception {
        return start(List.of());
    }

    /** @param wrapper a command to run it under, e.g. {@code setsid} (empty: none) */
    public static LocalRedis start(List<String> wrapper) throws Exception {
        LocalRedis redis = new LocalRedis(FreePort.pick(), wrapper, List.of());
        redis.launch();
        return redis;
    }

    /**
     * One that wants {@code password} and listens only for TLS on its port, serving the PEM certificate and key
     * (clients need not present one).
     */
    public static LocalRedis secured(String password, Path certificatePem, Path keyPem) throws Exception {
        int port = FreePort.pick();
        LocalRedis redis = new LocalRedis(port, List.of(), List.of("--port", "0", "--tls-port", String.valueOf(port),
                "--tls-auth-clients", "no", "--tls-cert-file", certificatePem.toString(), "--tls-key-file",
                keyPem.toString(), "--requirepass", password));
        redis.launch();
        return redis;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}, what the server's {@code --bus} takes. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** The running process, or null after {@link #stop}. */
    public synchronized Process process() {
        return process;
    }

    /** Starts it (again) on its port; returns once it has logged that it accepts connections. */
    public synchronized void launch() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Redis on port " + port + " is running");
        }
        // --dir: where it would write; nothing is saved, but its working directory must not be the caller's.
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--daemonize", "no", "--dir", System.getProperty("java.io.tmpdir")));
        command.addAll(security); // a later --port wins: Redis applies options in order
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
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
        }, "redis-" + port);
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
}
