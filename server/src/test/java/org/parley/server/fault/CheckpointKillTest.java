package org.parley.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.store.Database;
import org.parley.server.testing.TestClient;
import org.parley.testing.launch.ServerLauncher.LaunchedServer;

/**
 * SIGKILL at the moment SQLite starts copying the WAL into the database file (in WAL mode only a checkpoint writes
 * that file; inotify tells the test of its first write), on ext4 on a loop device so the checkpoint's fsync takes
 * real time. Three rounds on the same data: every acknowledged message is there after each restart, and the file
 * passes SQLite's integrity check.
 */
class CheckpointKillTest {
    private static final int ROUNDS = 3;
    /** Enough 3000-character messages to pass SQLite's 1000-page auto-checkpoint threshold. */
    private static final int SENDS = 1500;
    private static final String TEXT = "z".repeat(3000);
    /**
     * A bound, not a speed goal: storing the 1,500 sends takes a few seconds on a quiet machine, but 60 s ran out
     * when two other builds shared the machine's two cores.
     */
    private static final long CHECKPOINT_BOUND_SECONDS = 180;

    @TempDir
    Path dir;

    @Test
    void acknowledgedMessagesSurviveAKillDuringACheckpoint() throws Exception {
        try (ScratchData disk = ScratchData.ext4(dir, 64L << 20)) {
            Path db = disk.database();
            Ledger ledger = new Ledger("alice");
            for (int round = 0; round < ROUNDS; round++) {
                try (LaunchedServer server = disk.startUnguarded(dir.resolve("server" + round + ".log"));
                     WatchService watcher = FileSystems.getDefault().newWatchService()) {
                    TestClient alice = FaultServers.login(server, "alice");
                    disk.data().register(watcher, StandardWatchEventKinds.ENTRY_MODIFY);
                    List<String> keys = new ArrayList<>();
                    List<CompletableFuture<ServerMessage>> replies = new ArrayList<>();
                    for (int i = 0; i < SENDS; i++) {
                        String key = "r" + round + "-" + i;
                        keys.add(key);
                        replies.add(alice.send(new Request.Send(alice.nextId(), "#general", TEXT, key)));
                    }
                    assertTrue(awaitWriteOf(watcher, db.getFileName()), "a checkpoint wrote " + db + " within " + CHECKPOINT_BOUND_SECONDS + " s");
                    server.process().kill();
                    for (int i = 0; i < SENDS; i++) {
                        ServerMessage reply = replies.get(i).handle((r, e) -> r).get(30, TimeUnit.SECONDS);
                        if (reply != null) {
                            ledger.record(keys.get(i), reply);
                        }
                    }
                }
                assertTrue(ledger.count(Ledger.Outcome.ACKED) > 0, "some sends were acknowledged before the kill");
                ledger.verify(db);
                try (Connection c = Database.connect(db); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                    rs.next();
                    assertEquals("ok", rs.getString(1), "integrity after round " + round);
                }
            }
        }
    }

    private static boolean awaitWriteOf(WatchService watcher, Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHECKPOINT_BOUND_SECONDS);
        while (System.nanoTime() < deadline) {
            WatchKey key = watcher.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (key == null) {
                return false;
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                if (file.equals(event.context())) {
                    return true;
                }
            }
            key.reset();
        }
        return false;
    }
}
