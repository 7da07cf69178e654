package org.parley.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.protocol.ChatMessage;

/** What chat and auth rely on from a {@link Store}, run against SQLite and a real PostgreSQL 15 alike. */
class StoreContractTest {

    @TempDir
    Path dir;

    private Store open(StoreKind kind) throws Exception {
        return kind.open(dir, "contract");
    }

    private static Store.NewMessage message(String conv, String sender, String text, String key) {
        return new Store.NewMessage(conv, UserStore.keyOf(sender), sender, conv.startsWith("#") ? conv : "@bob", text, key,
                Instant.ofEpochMilli(1_700_000_000_123L));
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void accountsAreUniqueCaseInsensitivelyAndKeepTheirSpelling(StoreKind kind) throws Exception {
        try (Store store = open(kind)) {
            assertTrue(store.created(), "a fresh store says so");
            assertTrue(store.users().add("Alice", "hash-1", 1, null).join());
            assertFalse(store.users().add("alice", "hash-2", 2, null).join(), "the name is taken in any case");
            assertEquals(Optional.of(new UserStore.User("Alice", "hash-1")), store.users().find("ALICE").join());
            assertEquals(Optional.empty(), store.users().find("nobody").join());
            assertEquals(List.of("Alice"), store.snapshot().join().users());
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void theRoomQuotaIsCountedInTheStore(StoreKind kind) throws Exception {
        try (Store store = open(kind)) {
            store.users().add("alice", "h", 1, null).join();
            store.users().add("bob", "h", 1, null).join();
            assertEquals(RoomStore.Joined.CREATED, store.rooms().join("#one", "alice", 2, 2, null).join());
            assertEquals(RoomStore.Joined.CREATED, store.rooms().join("#two", "alice", 3, 2, null).join());
            assertEquals(RoomStore.Joined.OVER_QUOTA, store.rooms().join("#three", "alice", 4, 2, null).join());
            assertEquals(RoomStore.Joined.JOINED, store.rooms().join("#one", "alice", 5, 2, null).join(),
                    "a member again: no creation, no refusal");
            assertEquals(RoomStore.Joined.JOINED, store.rooms().join("#one", "bob", 6, 0, null).join(),
                    "joining an existing room needs no quota");
            assertEquals(RoomStore.Joined.CREATED, store.rooms().join("#three", "bob", 7, 2, null).join());
            Store.Snapshot snapshot = store.snapshot().join();
            assertEquals(Map.of("#general", Set.of(), "#one", Set.of("alice", "bob"), "#two", Set.of("alice"),
                    "#three", Set.of("bob")), snapshot.rooms(), "the refused creation wrote nothing");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void roomsAndMembershipsAreInTheSnapshot(StoreKind kind) throws Exception {
        try (Store store = open(kind)) {
            store.users().add("alice", "h", 1, null).join();
            store.users().add("bob", "h", 1, null).join();
            store.rooms().join("#dev", "alice", 5, 100, null).join();
            store.rooms().join("#dev", "bob", 6, 100, null).join();
            store.rooms().join("#dev", "bob", 7, 100, null).join();
            store.rooms().leave("#dev", "alice", null).join();
            Store.Snapshot snapshot = store.snapshot().join();
            assertEquals(Map.of("#general", Set.of(), "#dev", Set.of("bob")), snapshot.rooms());
            assertEquals(Map.of("alice", 1), snapshot.createdPerUser(), "#dev was created by alice, #general by nobody");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void messagesPageAroundACursorAndIdsGrowWithinAConversation(StoreKind kind) throws Exception {
        try (Store store = open(kind)) {
            List<Long> general = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                general.add(store.messages().append(message("#general", "alice", "g" + i, null), null).join().message().id());
                store.messages().append(message("@alice|bob", "alice", "p" + i, null), null).join();
            }
            List<Long> sorted = new ArrayList<>(general);
            Collections.sort(sorted);
            assertEquals(sorted, general, "ids grow in the order stored");
            assertEquals(5, Set.copyOf(general).size());

            List<ChatMessage> newest = store.messages().page("#general", null, null, 2).join();
            assertEquals(List.of("g4", "g3"), texts(newest), "newest first without a cursor");
            List<ChatMessage> older = store.messages().page("#general", general.get(3), null, 2).join();
            assertEquals(List.of("g2", "g1"), texts(older));
            List<ChatMessage> after = store.messages().page("#general", null, general.get(1), 10).join();
            assertEquals(List.of("g2", "g3", "g4"), texts(after), "oldest first after a cursor");
            List<ChatMessage> between = store.messages().page("#general", general.get(4), general.get(0), 10).join();
            assertEquals(List.of("g1", "g2", "g3"), texts(between));
            ChatMessage first = store.messages().page("#general", null, 0L, 1).join().get(0);
            assertEquals(new ChatMessage(general.get(0), "alice", "#general", "g0", Instant.ofEpochMilli(1_700_000_000_123L)), first);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aRepeatedKeyAnswersTheOriginalAndStoresNothing(StoreKind kind) throws Exception {
        try (Store store = open(kind)) {
            MessageStore.Stored original = store.messages().append(message("#general", "alice", "hi", "k1"), null).join();
            MessageStore.Stored retry = store.messages().append(message("#general", "alice", "changed", "k1"), null).join();
            MessageStore.Stored otherSender = store.messages().append(message("#general", "bob", "hi", "k1"), null).join();
            assertFalse(original.duplicate());
            assertTrue(retry.duplicate());
            assertEquals(original.message(), retry.message(), "the original id, text and time");
            assertFalse(otherSender.duplicate(), "keys are per sender");
            assertNotEquals(original.message().id(), otherSender.message().id());
            assertEquals(2, store.messages().page("#general", null, null, 10).join().size());
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void callbacksRunAfterTheCommitInOrderBeforeTheFutureCompletes(StoreKind kind) throws Exception {
        try (Store store = open(kind)) {
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<MessageStore.Stored>> sends = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String text = "m" + i;
                // Alternating conversations: a PostgreSQL batch runs them grouped by conversation, yet answers in order.
                String conv = i % 2 == 0 ? "#general" : "@alice|bob";
                sends.add(store.messages().append(message(conv, "alice", text, null), stored -> order.add(stored.message().text())));
            }
            for (int i = 0; i < 50; i++) {
                String text = sends.get(i).join().message().text();
                assertTrue(order.contains(text), "callback ran before the future completed: " + text);
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                expected.add("m" + i);
            }
            assertEquals(expected, order);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void resumeTokensAreSingleUseAndExpire(StoreKind kind) throws Exception {
        try (Store store = open(kind)) {
            store.users().add("Alice", "h", 1, null).join();
            store.tokens().issue("t1", "Alice", 1_000, "rehashed").join();
            assertEquals("rehashed", store.users().find("alice").join().orElseThrow().passwordHash(), "issue replaced the hash");
            assertEquals(Optional.of("Alice"), store.tokens().rotate("t1", "t2", 500, 2_000).join());
            assertEquals(Optional.empty(), store.tokens().rotate("t1", "t3", 500, 2_000).join(), "used up");
            assertEquals(Optional.empty(), store.tokens().rotate("t2", "t4", 2_000, 3_000).join(), "expired");
            store.tokens().issue("t5", "alice", 1_000, null).join();
            store.tokens().issue("t6", "alice", 5_000, null).join();
            store.tokens().revoke("t6").join();
            assertEquals(Optional.empty(), store.tokens().rotate("t6", "t7", 0, 1).join(), "revoked");
            assertEquals(1, (int) store.tokens().purgeExpired(1_000).join(), "t5 expired at 1000");
        }
    }

    private static List<String> texts(List<ChatMessage> messages) {
        return messages.stream().map(ChatMessage::text).toList();
    }
}
