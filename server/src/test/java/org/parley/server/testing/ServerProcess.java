package org.parley.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
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

/**
 * The server as a separate JVM, started through its real command line, for what cannot be done in-process:
 * SIGKILL and SIGTERM. Parses the startup lines a script would parse.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("^Parley server listening on ([0-9.]+):(\\d+)$");
    private static final Pattern FINGERPRINT = Pattern.compile("^TLS certificate SHA-256 fingerprint: ([0-9A-F:]+)$");

    private final Process process;
    private final Path log;
    private final InetSocketAddress address;
    private final String fingerprint;
    private final List<String> stdout;

    private ServerProcess(Process process, Path log, InetSocketAddress address, String fingerprint, List<String> stdout) {
        this.process = process;
        this.log = log;
        this.address = address;
        this.fingerprint = fingerprint;
        this.stdout = stdout;
    }

    public static ServerProcess start(Path dataDir, Path log) throws Exception {
        return start(dataDir, log, Map.of());
    }

    /** With extra environment variables and command-line options. */
    public static ServerProcess start(Path dataDir, Path log, Map<String, String> env, String... options) throws Exception {
        return startUnder(List.of(), dataDir, log, env, options);
    }

    /** Run by {@code launcher} (e.g. {@code prlimit --nofile=400:400}), with extra environment and options. */
    public static ServerProcess startUnder(List<String> launcher, Path dataDir, Path log, Map<String, String> env,
            String... options) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"),
                "org.parley.server.cli.Main", "--bind", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        CompletableFuture<InetSocketAddress> listening = new CompletableFuture<>();
        CompletableFuture<String> fingerprint = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.matches()) {
                        listening.complete(new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2))));
                    }
                    Matcher f = FINGERPRINT.matcher(line);
                    if (f.matches()) {
                        fingerprint.complete(f.group(1));
                    }
                }
            } catch (IOException e) {
                // Process gone.
            }
            listening.completeExceptionally(new IOException("server exited before listening; see " + log));
        }, "server-stdout");
        reader.setDaemon(true);
        reader.start();
        InetSocketAddress address = listening.get(60, TimeUnit.SECONDS);
        return new ServerProcess(process, log, address, fingerprint.get(5, TimeUnit.SECONDS), lines);
    }

    public InetSocketAddress address() {
        return address;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public Process process() {
        return process;
    }

    public List<String> stdout() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    public TestClient connect() throws Exception {
        return connectFrom(null);
    }

    /** From the loopback address {@code localHost} (null: the default). */
    public TestClient connectFrom(String localHost) throws Exception {
        TestClient client = TestClient.connectFrom(localHost, address, fingerprint);
        client.await(org.parley.protocol.ServerMessage.Welcome.class);
        return client;
    }

    /** SIGKILL: no shutdown hook, no flush, no close. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM; returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("server did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
