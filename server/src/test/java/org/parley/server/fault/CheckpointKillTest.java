package org.parley.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
    /**
     * The sends stop here at the latest. A checkpoint starts once a commit leaves more than SQLite's 1,000 WAL frames,
     * how many messages that takes depends on how the writer happened to batch them (a fixed 1,500 sometimes stayed
     * below it), so the test keeps sending until it sees the checkpoint write; ~1,500 to 3,000 usually suffice.
     */
    private static final int MAX_SENDS = 12_000;
    private static final String TEXT = "z".repeat(3000);
    /** A bound, not a speed goal: a quiet machine checkpoints within seconds; a starved one gets more time. */
    private static final long CHECKPOINT_BOUND_SECONDS = 180;

    @TempDir
    Path dir;

    @Test
    void acknowledgedMessagesSurviveAKillDuringACheckpoint() throws Exception {
        try (ScratchData disk = ScratchData.ext4(dir, 256L << 20)) {
            Path db = disk.database();
            Ledger ledger = new Ledger("alice");
            for (int round = 0; round < ROUNDS; round++) {
                try (LaunchedServer server = disk.startUnguarded(dir.resolve("server" + round + ".log"));
                     WatchService watcher = FileSystems.getDefault().newWatchService()) {
                    TestClient alice = FaultServers.login(server, "alice");
                    disk.data().register(watcher, StandardWatchEventKinds.ENTRY_MODIFY);
                    Sender sender = new Sender(alice, "r" + round + "-");
                    sender.start();
                    assertTrue(awaitWriteOf(watcher, db.getFileName()),
                            "a checkpoint wrote " + db + " within " + CHECKPOINT_BOUND_SECONDS + " s");
                    server.process().kill();
                    sender.stopAndJoin();
                    System.out.println("CheckpointKillTest round " + round + ": killed after " + sender.replies.size()
                            + " sends");
                    for (int i = 0; i < sender.replies.size(); i++) {
                        ServerMessage reply = sender.replies.get(i).handle((r, e) -> r).get(30, TimeUnit.SECONDS);
                        if (reply != null) {
                            ledger.record(sender.keys.get(i), reply);
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

    /** Pipelines sends until told to stop (or {@link #MAX_SENDS}); a write that fails once the server is killed ends it. */
    private static final class Sender extends Thread {
        final List<String> keys = new ArrayList<>();
        final List<CompletableFuture<ServerMessage>> replies = new ArrayList<>();
        private final TestClient client;
        private final String prefix;
        private volatile boolean stop;

        Sender(TestClient client, String prefix) {
            super("checkpoint-kill-sender");
            this.client = client;
            this.prefix = prefix;
        }

        @Override
        public void run() {
            for (int i = 0; i < MAX_SENDS && !stop; i++) {
                String key = prefix + i;
                CompletableFuture<ServerMessage> reply;
                try {
                    reply = client.send(new Request.Send(client.nextId(), "#general", TEXT, key));
                } catch (IOException killed) {
                    return; // the server is gone: this send may or may not have been read, it was never answered
                }
                synchronized (this) {
                    keys.add(key);
                    replies.add(reply);
                }
            }
        }

        void stopAndJoin() throws InterruptedException {
            stop = true;
            join(TimeUnit.SECONDS.toMillis(60));
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
