package org.parley.server.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * How {@code backup FILE} asks a running server for a copy: files in {@code DATA_DIR/backup-requests}. The data
 * directory is owner-only (0700), so only the account that runs the server can ask, without a port or password.
 * {@code ID.request} holds the target's absolute path; the server renames it {@code ID.working} while it copies,
 * then writes {@code ID.done} or {@code ID.failed} (one line each), which the command reads and deletes.
 */
public final class BackupRequests {
    public static final String DIRECTORY = "backup-requests";
    static final String REQUEST = ".request";
    static final String WORKING = ".working";
    static final String DONE = ".done";
    static final String FAILED = ".failed";
    /** How often the command looks for its answer even without a file event (events may be dropped). */
    private static final Duration RECHECK = Duration.ofSeconds(1);

    /** What the server answered, or that it did not in time. */
    public record Answer(Outcome outcome, String line) {
    }

    public enum Outcome { DONE, FAILED, NOT_TAKEN, NOT_FINISHED }

    private BackupRequests() {
    }

    public static Path directory(Path dataDir) {
        return dataDir.resolve(DIRECTORY);
    }

    /** Whether a server that takes requests has run on this data directory (it creates the directory). */
    public static boolean accepted(Path dataDir) {
        return Files.isDirectory(directory(dataDir));
    }

    /** Asks for a copy to {@code target} (absolute) and waits at most {@code timeout} for the answer. */
    public static Answer ask(Path dataDir, Path target, Duration timeout) throws IOException, InterruptedException {
        Path dir = directory(dataDir);
        String id = UUID.randomUUID().toString();
        try (WatchService watch = dir.getFileSystem().newWatchService()) {
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            write(dir, id, REQUEST, target.toString());
            Answer answer = await(watch, dir, id, timeout);
            return answer != null ? answer : giveUp(dir, id, target, timeout);
        }
    }

    /** The answer to request {@code id}, taken away; null if none came within {@code timeout}. */
    static Answer await(WatchService watch, Path dir, String id, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Answer answer = take(dir, id);
            if (answer != null) {
                return answer;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            var key = watch.poll(Math.min(left, RECHECK.toNanos()), TimeUnit.NANOSECONDS);
            if (key != null) {
                key.pollEvents();
                key.reset();
            }
        }
    }

    private static Answer take(Path dir, String id) throws IOException {
        for (String suffix : new String[] {DONE, FAILED}) {
            Path file = dir.resolve(id + suffix);
            try {
                String line = Files.readString(file, StandardCharsets.UTF_8).strip();
                Files.delete(file);
                return new Answer(suffix.equals(DONE) ? Outcome.DONE : Outcome.FAILED, line);
            } catch (NoSuchFileException e) {
                // Not this one (yet).
            }
        }
        return null;
    }

    /** A request the server has not taken is withdrawn, so that no later start copies behind the operator's back. */
    private static Answer giveUp(Path dir, String id, Path target, Duration timeout) throws IOException {
        if (Files.deleteIfExists(dir.resolve(id + REQUEST))) {
            return new Answer(Outcome.NOT_TAKEN, "the server holding the database did not take the backup request"
                    + " within " + timeout.toSeconds() + " s; check that it is a running Parley server and see its log");
        }
        return new Answer(Outcome.NOT_FINISHED, "the server is still writing the backup to " + target + " after "
                + timeout.toSeconds() + " s; the file appears when it is complete (raise --timeout for larger databases)");
    }

    /** Writes {@code id + suffix} whole or not at all: a reader never sees half a line. */
    static void write(Path dir, String id, String suffix, String line) throws IOException {
        Path partial = dir.resolve(id + suffix + ".partial");
        Files.writeString(Files.createFile(partial,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), line, StandardCharsets.UTF_8);
        Files.move(partial, dir.resolve(id + suffix), StandardCopyOption.ATOMIC_MOVE);
    }
}
