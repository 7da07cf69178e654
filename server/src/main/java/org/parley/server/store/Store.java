package org.parley.server.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.parley.protocol.ChatMessage;

/**
 * Where everything durable lives: accounts, rooms and memberships, messages, resume tokens. Chat, auth, backup and
 * startup see only this; {@link SqlStore} implements it on SQLite (the embedded default) and on PostgreSQL.
 *
 * <p>Every operation is asynchronous and never runs on the caller's thread. A failure arrives as a
 * {@link StoreException} saying whether anything may have been stored ({@code NOT_DONE}: nothing; {@code UNKNOWN}:
 * perhaps). A write's {@code onCommitted} runs after its commit, on the store's single writer thread, in commit
 * order, before the future completes: that is where acknowledgements and fan-out go, so every session sees the
 * messages of a conversation in id order. Writes that grow the data (accounts, rooms, messages) may be refused
 * at once while storage is short ({@link StoreException#isFull()}); those that keep users logged in go on.
 */
public interface Store extends AutoCloseable {

    Users users();

    Rooms rooms();

    Messages messages();

    Tokens tokens();

    Reads reads();

    /** Who exists and who is in which room, for the in-memory {@code chat.Directory} loaded at startup. */
    CompletableFuture<Snapshot> snapshot();

    /** Where the data lives, for log lines and operators (a file path, or a URL without its password). */
    String location();

    /** Whether opening this store created it (first start). */
    boolean created();

    /** A consistent copy in {@code target}, made on the caller's thread while chat goes on. */
    void backupTo(Path target) throws Backup.Failure;

    /** Finishes queued writes, then lets go of the storage. */
    @Override
    void close();

    /** Usernames (registered spelling), every room with its member keys, rooms created per user key. */
    record Snapshot(List<String> users, Map<String, Set<String>> rooms, Map<String, Integer> createdPerUser) {
    }

    interface Users {
        /** Adds an account; false (nothing stored) when the name is taken, case-insensitively. Grows the data. */
        CompletableFuture<Boolean> add(String name, String passwordHash, long now, Consumer<Boolean> onCommitted);

        CompletableFuture<Optional<UserStore.User>> find(String name);
    }

    interface Rooms {
        /**
         * Creates the room if missing, within the user's {@code quota} of rooms created, and adds the member
         * (idempotent); see {@link RoomStore#join}. Grows the data.
         */
        CompletableFuture<RoomStore.Joined> join(String room, String userKey, long now, int quota,
                Consumer<RoomStore.Joined> onCommitted);

        CompletableFuture<Void> leave(String room, String userKey, Consumer<Void> onCommitted);
    }

    interface Messages {
        /**
         * Stores a message with a new id, or answers the sender's earlier message with the same idempotency key
         * ({@link MessageStore.Stored#duplicate()}). Ids are unique in the store and increase in commit order within
         * each conversation (docs/protocol.md, section 3.1). Grows the data.
         */
        CompletableFuture<MessageStore.Stored> append(NewMessage message, Consumer<MessageStore.Stored> onCommitted);

        /**
         * Up to {@code limit} messages holding every one of {@code words} (from {@code protocol.SearchWords}), newest
         * first, with ids below {@code before} if given, in {@code convs} and, if {@code privateOf} is a user key,
         * in every private conversation of that user.
         */
        CompletableFuture<List<SearchStore.Found>> search(List<String> words, java.util.Collection<String> convs,
                String privateOf, Long before, int limit);

        /** Up to {@code limit} messages of a conversation next to a cursor, nearest the cursor first (see {@link MessageStore#fromCursor}). */
        CompletableFuture<List<ChatMessage>> page(String conv, Long before, Long after, int limit);

        /**
         * The newest id of every conversation that has messages: where a node on the bus starts counting what it has
         * delivered, and what it compares with after losing the bus (see {@code bus.RedisBus}). Reads every
         * conversation's newest row, so it is for startup and reconnects, not per message.
         */
        CompletableFuture<Map<String, Long>> latest();
    }

    /**
     * A message to store. {@code conv} names its conversation: the room name, or {@code @a|b} with both user keys
     * sorted; {@code recipient} is what the wire shows in {@code to}; {@code idemKey} may be null.
     */
    record NewMessage(String conv, String senderKey, String sender, String recipient, String text, String idemKey,
            Instant at) {
    }

    /** Read markers and mention counts (docs/protocol.md, "Read state"); {@link ReadStore} has the SQL. */
    interface Reads {
        /** Moves {@code userKey}'s marker of {@code conv} forward to message {@code upTo} of it, never back. */
        CompletableFuture<ReadStore.Outcome> markRead(String userKey, String conv, long upTo,
                Consumer<ReadStore.Outcome> onCommitted);

        /** Counts for {@code rooms} (conversation keys) and every private conversation of {@code userKey}. */
        CompletableFuture<List<ReadStore.Counts>> unread(String userKey, java.util.Collection<String> rooms);
    }

    interface Tokens {
        /** Stores a resume token (by hash) and, if {@code newPasswordHash} is not null, replaces the user's hash. */
        CompletableFuture<Void> issue(String tokenHash, String user, long expiresAt, String newPasswordHash);

        /**
         * Single use: revokes {@code presentedHash} and, if it was valid at {@code now}, stores {@code freshHash} for
         * its user in the same transaction and answers the user's name.
         */
        CompletableFuture<Optional<String>> rotate(String presentedHash, String freshHash, long now, long expiresAt);

        CompletableFuture<Void> revoke(String tokenHash);

        /** Deletes tokens expired at {@code now}; answers how many. */
        CompletableFuture<Integer> purgeExpired(long now);
    }
}
