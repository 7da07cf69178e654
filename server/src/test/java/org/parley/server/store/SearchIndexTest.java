package org.parley.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.SearchWords;

/**
 * SQLite's index is written by the writer every few group commits ({@link SearchIndex}), not by a trigger: every
 * message of a burst is found, a message is found as soon as it is acknowledged, deleting one keeps the index
 * consistent, and a message the file got some other way (written while the server was stopped, or left unindexed by a
 * crash) is indexed when the database opens.
 */
class SearchIndexTest {
    private static final Instant T = Instant.ofEpochMilli(1_700_000_000_000L);

    @TempDir
    Path dir;

    @Test
    void everyMessageOfABurstIsFoundAndDeletesKeepTheIndexConsistent() throws Exception {
        Path file = dir.resolve("burst.db");
        try (Store store = SqlStore.sqlite(Database.open(file))) {
            store.users().add("alice", "h", 1, null).join();
            List<CompletableFuture<?>> appends = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                appends.add(store.messages().append(new Store.NewMessage("#general", "alice", "alice", "#general",
                        "burst word" + i + " common", null, T), null));
            }
            appends.forEach(CompletableFuture::join);
            assertEquals(50, found(store, "common"), "a page of the 300");
            assertEquals(1, found(store, "word299"));
            assertEquals(1, found(store, "word0"));
        }
        try (Connection c = Database.connect(file); PreparedStatement s = c.prepareStatement(
                "DELETE FROM messages WHERE text = ?")) {
            s.setString(1, "burst word7 common");
            assertEquals(1, s.executeUpdate());
            try (var check = c.createStatement()) {
                check.execute("INSERT INTO messages_fts(messages_fts, rank) VALUES('integrity-check', 1)");
            }
        }
    }

    @Test
    void aMessageWrittenWhileStoppedIsIndexedAtOpen() throws Exception {
        Path file = dir.resolve("offline.db");
        try (Store store = SqlStore.sqlite(Database.open(file))) {
            store.users().add("alice", "h", 1, null).join();
            store.messages().append(new Store.NewMessage("#general", "alice", "alice", "#general", "before", null, T),
                    null).join();
        }
        try (Connection c = Database.connect(file); PreparedStatement s = c.prepareStatement(
                "INSERT INTO messages(conv, sender_key, sender, recipient, text, ts) VALUES('#general', 'alice',"
                        + " 'alice', '#general', 'written offline', 0)")) {
            s.executeUpdate();
        }
        try (Store store = SqlStore.sqlite(Database.open(file))) {
            assertEquals(1, found(store, "offline"));
            assertEquals(1, found(store, "before"));
        }
    }

    @Test
    void aMessageIsFoundAsSoonAsItIsAcknowledgedThoughTheIndexCatchesUpInBatches() throws Exception {
        Path file = dir.resolve("lag.db");
        try (Store store = SqlStore.sqlite(Database.open(file))) {
            store.users().add("alice", "h", 1, null).join();
            for (int i = 0; i < 3; i++) {
                store.messages().append(new Store.NewMessage("#general", "alice", "alice", "#general", "lonely" + i,
                        null, T), null).join();
                assertEquals(1, found(store, "lonely" + i), "message " + i + " right after its acknowledgement");
            }
        }
    }

    @Test
    void aFileACrashLeftIsIndexedBeforeAnAdminCommandDeletesMessages() throws Exception {
        Path file = dir.resolve("live.db");
        Path crashed = dir.resolve("crashed.db");
        try (Store store = SqlStore.sqlite(Database.open(file))) {
            store.users().add("alice", "h", 1, null).join();
            store.users().add("bob", "h", 1, null).join();
            for (int i = 0; i < 5; i++) {
                store.messages().append(new Store.NewMessage("@alice|bob", "alice", "alice", "bob", "private" + i,
                        null, T), null).join();
            }
            // What a kill -9 leaves: every commit is in the file and its WAL, the last ones not yet indexed.
            Files.copy(file, crashed);
            Files.copy(file.resolveSibling("live.db-wal"), crashed.resolveSibling("crashed.db-wal"));
        }
        try (Connection c = Database.connect(crashed); var s = c.createStatement();
             var rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM messages) - (SELECT COUNT(*) FROM messages_fts_docsize)")) {
            assertTrue(rs.next() && rs.getInt(1) > 0, "the premise: the crashed file's index lags its messages");
        }
        try (Connection c = Database.openExisting(crashed)) {
            c.setAutoCommit(false);
            assertTrue(UserStore.delete(c, "bob"));
            c.commit();
            try (var check = c.createStatement()) {
                check.execute("INSERT INTO messages_fts(messages_fts, rank) VALUES('integrity-check', 1)");
            }
        }
    }

    private static int found(Store store, String word) {
        return store.messages().search(SearchWords.of(word), List.of("#general"), null, null, 50).join().size();
    }
}
