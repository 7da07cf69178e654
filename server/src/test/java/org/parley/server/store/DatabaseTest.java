package org.parley.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThrows(SQLException.class, () -> Database.open(file));
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
}
