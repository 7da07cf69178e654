package org.parley.bench.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A server under test running as a child process: its output goes to a log file, startup is recognised by a
 * line, and it is stopped by SIGTERM (then SIGKILL after a grace period). Always stopped by the generator,
 * also when the generator exits abnormally.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} and waits until a line of its output makes {@code ready} return non-null.
     *
     * @return the process and what {@code ready} returned
     */
    public static <T> Started<T> start(List<String> command, Path log, Duration timeout, Function<String, T> ready)
            throws IOException, TimeoutException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Process process = builder.start();
        ServerProcess server = new ServerProcess(process, log);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        CompletableFuture<T> readiness = new CompletableFuture<>();
        Thread pump = new Thread(() -> server.pump(ready, readiness), "log-" + log.getFileName());
        pump.setDaemon(true);
        pump.start();
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

    public record Started<T>(ServerProcess process, T value) {
    }

    private <T> void pump(Function<String, T> ready, CompletableFuture<T> readiness) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                out.flush();
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

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Resident set size of the process, in KiB, from /proc (0 where there is none). */
    public long rssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
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
        process.destroy();
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
