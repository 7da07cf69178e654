package org.parley.client.core.support;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.parley.client.core.ParleyClient;
import org.parley.protocol.ChatMessage;

/**
 * A second (third...) client as its own JVM process, the way two Parley windows of one user run: a {@code main} of
 * this test fragment on a plain class path made of the bundles this JVM runs (the core, the protocol, MINA, Gson,
 * SLF4J's API). The test talks to it through lines on its stdin and stdout. Killed if still running at close.
 */
public final class ClientJvm implements AutoCloseable {
    private final Process process;
    private final Writer stdin;
    private final List<String> lines = new ArrayList<>();

    private ClientJvm(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread pump = new Thread(this::pump, "child-" + process.pid());
        pump.setDaemon(true);
        pump.start();
    }

    public static ClientJvm start(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", classPath(main), main.getName()));
        command.addAll(List.of(args));
        try {
            return new ClientJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the classes the child needs come from: each class's bundle, as a jar or a class folder. */
    static String classPath(Class<?> main) {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : List.of(main, ParleyClient.class, ChatMessage.class, com.google.gson.Gson.class,
                org.apache.mina.core.session.IoSession.class, slf4jApi())) {
            try {
                Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
                entries.add(location.toString());
                for (String classes : List.of("target/classes", "bin")) { // a workspace bundle run from its folder
                    if (Files.isDirectory(location.resolve(classes))) {
                        entries.add(location.resolve(classes).toString());
                    }
                }
            } catch (URISyntaxException | NullPointerException e) {
                throw new IllegalStateException("cannot locate the classes of " + type, e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** MINA logs through SLF4J; this bundle does not import it, MINA's does. */
    private static Class<?> slf4jApi() {
        try {
            return org.apache.mina.core.session.IoSession.class.getClassLoader().loadClass("org.slf4j.Logger");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("MINA's bundle sees no SLF4J", e);
        }
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Sends one line to the child. */
    public void tell(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("child " + process.pid() + " is gone: " + output(), e);
        }
    }

    /** Waits (bounded) until the child printed {@code line}. */
    public void awaitLine(String line) {
        Await.until("child " + process.pid() + " prints " + line, () -> output().contains(line), () -> "it printed "
                + output() + (process.isAlive() ? "" : ", then exited " + process.exitValue()));
    }

    public List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Waits (bounded) for the child to exit and returns its exit code. */
    public int exitCode() throws InterruptedException {
        if (!process.waitFor(Await.DEFAULT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("child " + process.pid() + " did not exit: " + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
