package org.parley.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.parley.testing.launch.StartupLine;

/**
 * {@code parley-server} with the given arguments as its own process, run to its exit: what an operator sees
 * (exit code, stdout, stderr). A server that starts listening instead of failing is killed and reported as
 * exit code -1, so a test expecting a startup fault fails fast rather than waiting out a timeout.
 */
public final class CommandProcess {
    public record Result(int exit, List<String> stdout, List<String> stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + String.join("\n", stdout) + "\nstderr: " + String.join("\n", stderr);
        }
    }

    private CommandProcess() {
    }

    public static Result run(String... args) throws Exception {
        return runIn(null, args);
    }

    /** In the working directory {@code workingDir} (null: this process's). */
    public static Result runIn(Path workingDir, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(MainProcess.launcher().command(List.of(args)));
        // Tests give the keystore password on the command line; one inherited from the caller's shell would mask it.
        builder.environment().remove("PARLEY_KEYSTORE_PASSWORD");
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        Process process = builder.start();
        process.getOutputStream().close();
        List<String> stdout = new ArrayList<>();
        List<String> stderr = new ArrayList<>();
        Thread err = collect(process.getErrorStream(), stderr, null, "command-stderr");
        Thread out = collect(process.getInputStream(), stdout, process, "command-stdout");
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("parley-server " + args[0] + " did not exit within 120 s");
        }
        out.join(10_000);
        err.join(10_000);
        StartupLine startup = new StartupLine();
        boolean listened = stdout.stream().anyMatch(l -> startup.accept(l) != null);
        synchronized (stdout) {
            synchronized (stderr) {
                return new Result(listened ? -1 : process.exitValue(), List.copyOf(stdout), List.copyOf(stderr));
            }
        }
    }

    /** Reads lines into {@code into}; if {@code server} is given, kills it once it reports that it listens. */
    private static Thread collect(InputStream stream, List<String> into, Process server, String name) {
        StartupLine startup = new StartupLine();
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (into) {
                        into.add(line);
                    }
                    if (server != null && startup.accept(line) != null) {
                        server.destroy();
                    }
                }
            } catch (IOException e) {
                // Process gone.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
