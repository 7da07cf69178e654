package org.parley.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.protocol.Limits;

/** Read markers, unread and mention counts, against SQLite and a real PostgreSQL 15 alike. */
class ReadStoreContractTest {
    private static final String DM = "@alice|bob";

    @TempDir
    Path dir;

    private Store open(StoreKind kind) throws Exception {
        Store store = kind.open(dir, "reads");
        for (String user : List.of("alice", "bob", "carol")) {
            store.users().add(user, "h", 1, null).join();
        }
        return store;
    }

    private static long send(Store store, String conv, String sender, String text) {
        String to = conv.startsWith("#") ? conv : "@x";
        return store.messages().append(new Store.NewMessage(conv, sender, sender, to, text, null,
                Instant.ofEpochMilli(1_700_000_000_000L)), null).join().message().id();
    }

    private static ReadStore.Counts counts(Store store, String user, String conv) {
        return store.reads().unread(user, List.of(Limits.GENERAL_ROOM)).join().stream()
                .filter(c -> c.conv().equals(conv)).findFirst().orElseThrow(() -> new AssertionError("no " + conv));
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void othersMessagesAreUnreadUntilReadAndTheMarkerNeverGoesBack(StoreKind kind) throws Exception {
        try (Store store = open(kind)) {
            long first = send(store, "#general", "alice", "one");
            long second = send(store, "#general", "alice", "two @Bob");
            assertEquals(new ReadStore.Counts("#general", 0, 2, 1, second), counts(store, "bob", "#general"));
            assertEquals(new ReadStore.Counts("#general", second, 0, 0, second), counts(store, "alice", "#general"),
                    "the sender has read what she wrote");

            assertEquals(ReadStore.Outcome.ADVANCED, store.reads().markRead("bob", "#general", first, null).join());
            assertEquals(new ReadStore.Counts("#general", first, 1, 1, second), counts(store, "bob", "#general"));
            long third = send(store, "#general", "bob", "my answer");
            assertEquals(new ReadStore.Counts("#general", third, 0, 0, third), counts(store, "bob", "#general"),
                    "answering marks everything up to the answer read");
            assertEquals(ReadStore.Outcome.UNCHANGED, store.reads().markRead("bob", "#general", second, null).join(),
                    "never back");
            assertEquals(third, counts(store, "bob", "#general").upTo());
            assertEquals(ReadStore.Outcome.NO_SUCH_MESSAGE,
                    store.reads().markRead("bob", "#general", third + 1000, null).join());
            assertEquals(third, counts(store, "bob", "#general").upTo(), "a refused read stores nothing");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aPrivateConversationIsListedForTheSideThatNeverOpenedIt(StoreKind kind) throws Exception {
        try (Store store = open(kind)) {
            long hi = send(store, DM, "alice", "hi @bob.");
            assertEquals(List.of(), store.reads().unread("carol", List.of()).join(), "carol is not part of it");
            assertEquals(List.of(new ReadStore.Counts(DM, 0, 1, 1, hi)), store.reads().unread("bob", List.of()).join());
            assertEquals(List.of(new ReadStore.Counts(DM, hi, 0, 0, hi)), store.reads().unread("alice", List.of()).join(),
                    "the sender has read what she wrote");
            assertEquals(ReadStore.Outcome.NO_SUCH_MESSAGE, store.reads().markRead("carol", "#general", hi, null).join(),
                    "an id of another conversation is no message of this one");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void joiningStartsAtTheNewestMessageAndLeavingForgets(StoreKind kind) throws Exception {
        try (Store store = open(kind)) {
            store.rooms().join("#dev", "alice", 2, 100, null).join();
            long before = send(store, "#dev", "alice", "before bob came");
            store.rooms().join("#dev", "bob", 3, 100, null).join();
            long after = send(store, "#dev", "alice", "after @BOB came");
            assertEquals(List.of(new ReadStore.Counts("#dev", before, 1, 1, after)),
                    store.reads().unread("bob", List.of("#dev")).join(), "what was there before bob joined is not unread");
            store.rooms().leave("#dev", "bob", null).join();
            send(store, "#dev", "alice", "while bob was away");
            store.rooms().join("#dev", "bob", 4, 100, null).join();
            ReadStore.Counts back = store.reads().unread("bob", List.of("#dev")).join().get(0);
            assertEquals(0, back.unread(), "rejoining starts at the newest message");
            assertEquals(0, back.mentions());
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void countsStopAtTheCap(StoreKind kind) throws Exception {
        try (Store store = open(kind)) {
            for (int i = 0; i < Limits.MAX_UNREAD_COUNT + 5; i++) {
                send(store, DM, "alice", "@bob " + i);
            }
            ReadStore.Counts c = store.reads().unread("bob", List.of()).join().get(0);
            assertEquals(Limits.MAX_UNREAD_COUNT, c.unread());
            assertEquals(Limits.MAX_UNREAD_COUNT, c.mentions());
        }
    }
}
