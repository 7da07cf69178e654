package org.parley.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.server.ExitCode;
import org.parley.server.StartupException;

/** Schema migrations and the group-committing writer, on real SQLite files. */
class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void aFreshFileIsCreatedAtTheLatestSchema() throws Exception {
        Path file = dir.resolve("sub/dir/parley.db");
        try (Database db = Database.open(file)) {
            assertEquals(Migrations.LATEST, (int) db.read(Migrations::version).join());
        }
        try (Connection c = Database.connect(file)) {
            assertEquals(Migrations.LATEST, Migrations.migrate(c, Migrations.LATEST), "reopening migrates nothing");
        }
    }

    @Test
    void aWriteAheadLogWithoutItsDatabaseIsRefusedNotBuiltUpon() throws Exception {
        Path file = dir.resolve("parley.db");
        Files.writeString(dir.resolve("parley.db-wal"), "frames of a lost database");
        StartupException refused = assertThrows(StartupException.class, () -> Database.open(file));
        assertEquals(ExitCode.DATABASE_DAMAGED, refused.exitCode());
        assertFalse(Files.exists(file));
    }

    @Test
    void aStagingFileLeftByADeadStartIsReplaced() throws Exception {
        Path file = dir.resolve("parley.db");
        Files.writeString(dir.resolve("parley.db.new"), "half-made");
        try (Database db = Database.open(file)) {
            assertTrue(db.created());
            assertEquals(Migrations.LATEST, (int) db.read(Migrations::version).join());
        }
        assertFalse(Files.exists(dir.resolve("parley.db.new")));
    }

    @Test
    void aPathWithUriSpecialCharactersIsTakenLiterally() throws Exception {
        Path file = dir.resolve("50% #1?/parley.db");
        try (Database db = Database.open(file)) {
            db.write(c -> UserStore.insert(c, "alice", "h", 0)).join();
        }
        assertTrue(Files.size(file) > 0, "the database went where it was told");
    }

    @Test
    void anOlderSchemaIsUpgradedKeepingItsData() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection c = Database.connect(file)) {
            Migrations.migrate(c, 1);
            UserStore.insert(c, "alice", "hash", 1);
        }
        try (Database db = Database.open(file)) {
            assertEquals(Migrations.LATEST, (int) db.read(Migrations::version).join());
            assertEquals(List.of("alice"), db.read(UserStore::names).join());
            assertTrue(db.read(c -> indexExists(c, "resume_tokens_user")).join());
        }
    }

    private static boolean indexExists(Connection c, String name) throws SQLException {
        try (var s = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?")) {
            s.setString(1, name);
            return s.executeQuery().next();
        }
    }

    @Test
    void aNewerSchemaIsRefused() throws Exception {
        Path file = dir.resolve("future.db");
        try (Connection c = Database.connect(file); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (Migrations.LATEST + 1));
        }
        StartupException refused = assertThrows(StartupException.class, () -> Database.open(file));
        assertEquals(ExitCode.SCHEMA_TOO_NEW, refused.exitCode());
    }

    @Test
    void concurrentWritesAreGroupCommittedAndAFailingOneFailsAlone() throws Exception {
        try (Database db = Database.open(dir.resolve("w.db"))) {
            List<String> order = new CopyOnWriteArrayList<>();
            List<CompletableFuture<Boolean>> writes = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String name = "user" + i;
                writes.add(db.write(c -> UserStore.insert(c, name, "h", 0), inserted -> order.add(name)));
            }
            CompletableFuture<Object> failing = db.write(c -> {
                UserStore.insert(c, "rolledback", "h", 0);
                throw new SQLException("boom");
            });
            writes.forEach(CompletableFuture::join);
            CompletionException failure = assertThrows(CompletionException.class, failing::join);
            assertEquals("boom", failure.getCause().getMessage());
            assertEquals(300, db.read(UserStore::names).join().size(), "the failed task's insert was rolled back");
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                expected.add("user" + i);
            }
            assertEquals(expected, order, "post-commit callbacks run in submission order");
        }
    }

    @Test
    void closeFinishesQueuedWritesFirst() throws Exception {
        Path file = dir.resolve("c.db");
        Database db = Database.open(file);
        for (int i = 0; i < 100; i++) {
            String name = "u" + i;
            db.write(c -> UserStore.insert(c, name, "h", 0));
        }
        db.close();
        assertThrows(CompletionException.class, () -> db.write(c -> UserStore.insert(c, "late", "h", 0)).join());
        try (Connection c = Database.connect(file)) {
            assertEquals(100, UserStore.names(c).size());
        }
    }

    @Test
    void theWalIndexIsKeptInHeapMemoryNotInAMappedFile() throws Exception {
        Path file = dir.resolve("heap.db");
        try (Database db = Database.open(file)) {
            db.write(c -> UserStore.insert(c, "alice", "h", 0)).join();
            assertEquals(List.of("alice"), db.read(UserStore::names).join());
            assertTrue(Files.exists(dir.resolve("heap.db-wal")), "still in WAL mode");
            // A mapped -shm file is what raised SIGBUS in the writer when the disk filled or the file was cut short.
            assertFalse(Files.exists(dir.resolve("heap.db-shm")), "no shared-memory wal-index file");
        }
    }

    @Test
    void readsRunWhileTheWriterHoldsATransactionOpen() throws Exception {
        try (Database db = Database.open(dir.resolve("r.db"))) {
            db.write(c -> UserStore.insert(c, "committed", "h", 0)).join();
            CountDownLatch inserted = new CountDownLatch(1);
            CountDownLatch readDone = new CountDownLatch(1);
            CompletableFuture<Boolean> write = db.write(c -> {
                UserStore.insert(c, "uncommitted", "h", 0);
                inserted.countDown();
                // Hold the transaction open until the reader has answered (bounded, in case it cannot).
                try {
                    return readDone.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new SQLException(e);
                }
            });
            assertTrue(inserted.await(30, TimeUnit.SECONDS));
            List<String> seen = db.read(UserStore::names).get(30, TimeUnit.SECONDS);
            readDone.countDown();
            assertEquals(List.of("committed"), seen, "the reader sees the last commit, without waiting for the writer");
            assertTrue(write.join(), "the writer was still inside its transaction while the read ran");
            assertEquals(List.of("committed", "uncommitted"), db.read(UserStore::names).join());
        }
    }

    @Test
    void theStartupIntegrityCheckStopsAtItsBudgetAndTheFileStillOpens() throws Exception {
        Path file = dir.resolve("big.db");
        try (Database db = Database.open(file)) {
            db.write(c -> {
                try (var s = c.prepareStatement("INSERT INTO messages(conv, sender_key, sender, recipient, text, ts)"
                        + " VALUES('#general', 'a', 'a', '#general', ?, 0)")) {
                    for (int i = 0; i < 3000; i++) {
                        s.setString(1, "message " + i + " " + "x".repeat(300));
                        s.executeUpdate();
                    }
                }
                return null;
            }).join();
        }
        try (Connection c = Database.connect(file)) {
            assertEquals(new IntegrityCheck.Outcome(false, null), IntegrityCheck.run(c, java.time.Duration.ZERO),
                    "no time at all: stopped, nothing found");
            assertTrue(IntegrityCheck.run(c, java.time.Duration.ofMinutes(10)).ok(), "with time: complete and ok");
        }
        try (Database db = Database.open(file, java.time.Duration.ZERO, 0)) {
            assertEquals(3000, (int) db.read(c -> MessageStore.fromCursor(c, "#general", null, null, 10_000).size()).join());
        }
    }
}
