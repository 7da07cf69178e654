package org.parley.server.irc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.parley.server.testing.TestClient;

/**
 * Waits for what a real client writes (its logs, its FIFO) by watching the directory (inotify), never by sleeping.
 * The directory must exist before the client starts writing into it.
 */
final class FileWatch {
    private FileWatch() {
    }

    /** The first line of {@code file} that matches, once one does; fails after the test timeout. */
    static String awaitLine(Path file, Predicate<String> match, String what) throws IOException, InterruptedException {
        return await(file.getParent(), () -> lines(file).stream().filter(match).findFirst(), what + " in " + file);
    }

    static String awaitLine(Path file, String contains) throws IOException, InterruptedException {
        return awaitLine(file, l -> l.contains(contains), "'" + contains + "'");
    }

    /** A file in {@code dir} whose name starts with {@code prefix}, once there is one. */
    static Path awaitFile(Path dir, String prefix) throws IOException, InterruptedException {
        return await(dir, () -> {
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst();
            }
        }, "a file " + prefix + "* in " + dir);
    }

    private interface Check<T> {
        Optional<T> get() throws IOException;
    }

    private static <T> T await(Path dir, Check<T> check, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            while (true) {
                Optional<T> found = check.get();
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                var key = left > 0 ? watch.poll(left, TimeUnit.NANOSECONDS) : null;
                if (key == null) {
                    throw new AssertionError("no " + what + " within " + TestClient.TIMEOUT);
                }
                key.pollEvents();
                key.reset();
            }
        }
    }

    private static List<String> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n"));
    }
}
