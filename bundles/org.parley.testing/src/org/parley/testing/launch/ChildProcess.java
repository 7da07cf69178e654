package org.parley.testing.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A server under test running as a child process (Parley through {@link ServerLauncher}, InspIRCd in the benchmark):
 * its output goes to a log file and is kept in memory, startup is recognised by a line, and it is stopped by SIGTERM
 * (then SIGKILL after a grace period). Killed when this JVM exits, also abnormally.
 */
public final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final List<String> lines = new ArrayList<>();
    private Thread pump;

    private ChildProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} and waits until a line of its output makes {@code ready} return non-null.
     *
     * @return the process and what {@code ready} returned
     */
    public static <T> Started<T> start(List<String> command, Map<String, String> environment, Path log,
            Duration timeout, Function<String, T> ready) throws IOException, TimeoutException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        ChildProcess server = new ChildProcess(process, log);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        CompletableFuture<T> readiness = new CompletableFuture<>();
        server.pump = new Thread(() -> server.pump(ready, readiness), "log-" + log.getFileName());
        server.pump.setDaemon(true);
        server.pump.start();
        try {
            return new Started<>(server, readiness.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            server.close();
            throw new TimeoutException("server did not start within " + timeout + ": " + String.join(" ", command)
                    + " (see " + log + ")");
        } catch (InterruptedException e) {
            server.close();
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public record Started<T>(ChildProcess process, T value) {
    }

    private <T> void pump(Function<String, T> ready, CompletableFuture<T> readiness) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                out.flush();
                synchronized (lines) {
                    lines.add(line);
                }
                if (!readiness.isDone()) {
                    T value = ready.apply(line);
                    if (value != null) {
                        readiness.complete(value);
                    }
                }
            }
        } catch (IOException e) {
            readiness.completeExceptionally(e);
        }
        readiness.completeExceptionally(new IOException("process ended"));
    }

    public long pid() {
        return process.pid();
    }

    /** Completes with the exit code once the process has ended. */
    public java.util.concurrent.CompletableFuture<Integer> exit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Every line the process printed so far (stdout and stderr). */
    public List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** SIGKILL, like a crash or a power cut: no shutdown hook, no flush, no close. */
    public void kill() throws InterruptedException {
        // Through the handle: Process.destroy* would also close the pipe we read, losing the last lines.
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        awaitOutput();
    }

    /** After the process ended: until its last lines are in {@link #output()} and the log (bounded). */
    private void awaitOutput() throws InterruptedException {
        pump.join(TimeUnit.SECONDS.toMillis(10));
    }

    /** SIGTERM; returns the exit code, or throws if the process did not end within {@code grace}. */
    public int terminate(Duration grace) throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("process " + pid() + " did not stop within " + grace + " of SIGTERM");
        }
        awaitOutput();
        return process.exitValue();
    }

    /** Resident set size of the process, in KiB, from /proc (0 where there is none). */
    public long rssKiB() {
        return rssKiB(pid());
    }

    /** Resident set size of any process of this machine, in KiB, from /proc (0 where there is none). */
    public static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@code grace}. Returns how long the stop took. */
    public Duration stop(Duration grace) {
        long start = System.nanoTime();
        process.toHandle().destroy(); // keeps the pipe open: the shutdown lines reach the log
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(15));
        }
    }
}
