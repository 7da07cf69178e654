package org.parley.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.Limits;
import org.parley.protocol.SearchWords;

/** A data directory of schema 2 (before read state and search) upgrades with its past read and searchable. */
class UpgradeToReadStateTest {
    @TempDir
    Path dir;

    @Test
    void existingMessagesCountAsReadAndAreFound() throws Exception {
        Path file = dir.resolve("v2.db");
        long general;
        long room;
        long dm;
        try (Connection c = Database.connect(file)) {
            Migrations.migrate(c, 2);
            UserStore.insert(c, "alice", "h", 1);
            UserStore.insert(c, "Bob_1", "h", 1);
            RoomStore.join(c, "#dev", "alice", 2, 100);
            general = old(c, "#general", "alice", "hello everyone");
            room = old(c, "#dev", "alice", "dev talk");
            dm = old(c, "@alice|bob_1", "alice", "private words");
        }
        try (Store store = SqlStore.sqlite(Database.open(file))) {
            assertEquals(List.of(new ReadStore.Counts("#dev", room, 0, 0, room),
                    new ReadStore.Counts("#general", general, 0, 0, general),
                    new ReadStore.Counts("@alice|bob_1", dm, 0, 0, dm)),
                    store.reads().unread("alice", List.of(Limits.GENERAL_ROOM, "#dev")).join());
            assertEquals(List.of(new ReadStore.Counts("#general", general, 0, 0, general),
                    new ReadStore.Counts("@alice|bob_1", dm, 0, 0, dm)),
                    store.reads().unread("bob_1", List.of(Limits.GENERAL_ROOM)).join(), "both sides of the old DM");
            assertEquals(dm, store.messages().search(SearchWords.of("PRIVATE"), List.of(), "bob_1", null, 5).join()
                    .get(0).message().id(), "the index was built from the old messages");
        }
    }

    private static long old(Connection c, String conv, String sender, String text) throws Exception {
        return MessageStore.insert(c, new Store.NewMessage(conv, sender, sender, conv, text, null,
                Instant.ofEpochMilli(1_700_000_000_000L))).message().id();
    }
}
