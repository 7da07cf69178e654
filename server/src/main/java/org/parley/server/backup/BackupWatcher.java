package org.parley.server.backup;

import static org.parley.server.backup.BackupRequests.DONE;
import static org.parley.server.backup.BackupRequests.FAILED;
import static org.parley.server.backup.BackupRequests.REQUEST;
import static org.parley.server.backup.BackupRequests.WORKING;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.parley.server.ExitCode;
import org.parley.server.StartupException;
import org.parley.server.store.Backup;
import org.parley.server.store.Store;
import org.parley.server.util.FileErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of {@link BackupRequests}: one daemon thread watches the request directory and makes each
 * copy with the server's own database (nobody else can open it), one at a time.
 */
public final class BackupWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackupWatcher.class);
    /** How long a stopping server waits for a copy in progress before it lets the JVM end it. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final Path dir;
    private final Store db;
    private final WatchService watch;
    private final Thread thread;
    private volatile boolean stopping;

    private BackupWatcher(Path dir, Store db, WatchService watch) {
        this.dir = dir;
        this.db = db;
        this.watch = watch;
        this.thread = new Thread(this::run, "parley-backup");
        this.thread.setDaemon(true);
    }

    /** Creates the request directory (owner-only) if needed and starts watching it. */
    public static BackupWatcher start(Path dataDir, Store db) throws StartupException {
        Path dir = BackupRequests.directory(dataDir);
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            WatchService watch = dir.getFileSystem().newWatchService();
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            BackupWatcher watcher = new BackupWatcher(dir, db, watch);
            watcher.thread.start();
            return watcher;
        } catch (IOException e) {
            throw new StartupException(ExitCode.DATA_DIR_UNUSABLE, "cannot watch " + dir + " for backup requests ("
                    + FileErrors.reason(e) + "); fix the data directory or choose another with --data-dir", e);
        }
    }

    private void run() {
        answerInterrupted();
        scan();
        try {
            while (!stopping) {
                WatchKey key = watch.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        scan();
                    } else {
                        handle(event.context().toString());
                    }
                }
                key.reset();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // Stopped.
        }
    }

    /** Requests made while no server ran, or whose events were dropped. */
    private void scan() {
        try (DirectoryStream<Path> requests = Files.newDirectoryStream(dir, "*" + REQUEST)) {
            for (Path request : requests) {
                handle(request.getFileName().toString());
            }
        } catch (IOException e) {
            LOG.warn("cannot list backup requests in {}: {}", dir, FileErrors.reason(e));
        }
    }

    /** A copy cut off by a stop or crash: its command (if still waiting) hears so instead of timing out. */
    private void answerInterrupted() {
        try (DirectoryStream<Path> cut = Files.newDirectoryStream(dir, "*" + WORKING)) {
            for (Path working : cut) {
                String id = id(working.getFileName().toString(), WORKING);
                answer(id, FAILED, "the server stopped before the backup to " + read(working) + " was complete; run backup again");
                Files.deleteIfExists(working);
            }
        } catch (IOException e) {
            LOG.warn("cannot clean up backup requests in {}: {}", dir, FileErrors.reason(e));
        }
    }

    private void handle(String name) {
        if (stopping || !name.endsWith(REQUEST)) {
            return;
        }
        String id = id(name, REQUEST);
        Path working = dir.resolve(id + WORKING);
        try {
            // Claims the request: of a scan and an event for the same file, only one gets to move it.
            Files.move(dir.resolve(name), working, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOG.warn("cannot take backup request {}: {}", name, FileErrors.reason(e));
            return;
        }
        String target = "?";
        try {
            target = read(working);
            Path path = Path.of(target);
            if (!path.isAbsolute()) {
                answer(id, FAILED, "backup target " + target + " is not an absolute path");
                return;
            }
            LOG.info("backup to {} requested", path);
            db.backupTo(path);
            String line = "backed up " + db.location() + " to " + path + " (" + Files.size(path) + " bytes)";
            LOG.info(line);
            answer(id, DONE, line);
        } catch (Backup.Failure e) {
            LOG.warn("backup failed: {}", e.getMessage());
            answer(id, FAILED, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("backup to {} failed", target, e);
            answer(id, FAILED, "backup to " + target + " failed: " + e);
        } finally {
            try {
                Files.deleteIfExists(working);
            } catch (IOException e) {
                LOG.warn("cannot delete {}: {}", working, FileErrors.reason(e));
            }
        }
    }

    private void answer(String id, String suffix, String line) {
        try {
            BackupRequests.write(dir, id, suffix, line.replace('\n', ' '));
        } catch (IOException e) {
            LOG.warn("cannot answer backup request {}: {}", id, FileErrors.reason(e));
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static String id(String name, String suffix) {
        return name.substring(0, name.length() - suffix.length());
    }

    /** Takes no new requests; waits (bounded) for a copy in progress, so the database is not closed under it. */
    @Override
    public void close() {
        stopping = true;
        try {
            watch.close();
        } catch (IOException e) {
            LOG.warn("closing the backup request watch failed: {}", FileErrors.reason(e));
        }
        try {
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("a backup still runs after {} s; stopping anyway (the command hears so at the next start)",
                    STOP_WAIT.toSeconds());
        }
    }
}
