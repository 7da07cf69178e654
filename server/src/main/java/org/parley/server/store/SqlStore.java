package org.parley.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.parley.protocol.ChatMessage;

/**
 * {@link Store} on a SQL database: the statements of {@link UserStore}, {@link RoomStore}, {@link MessageStore} and
 * {@link TokenStore}, which both dialects share, run through an {@link SqlEngine}. The one statement that differs is
 * how a message gets its id ({@link MessageInsert}): SQLite's single writer hands out one order for the whole file,
 * PostgreSQL's nodes need a lock per conversation.
 */
public final class SqlStore implements Store, Store.Users, Store.Rooms, Store.Messages, Store.Tokens, Store.Reads {

    /** Stores one message in the writer's transaction, or finds the sender's earlier one with the same key. */
    @FunctionalInterface
    public interface MessageInsert {
        MessageStore.Stored insert(Connection c, NewMessage message) throws SQLException;
    }

    /**
     * The work of one {@link #append}: named, so that the writer of a database shared by several nodes can run a
     * batch's inserts in conversation order (each takes its conversation's lock; one order everywhere, no deadlock).
     */
    public record Append(MessageInsert insert, NewMessage message) implements SqlWork<MessageStore.Stored> {
        @Override
        public MessageStore.Stored run(Connection c) throws SQLException {
            MessageStore.Stored stored = insert.insert(c, message);
            if (!stored.duplicate()) {
                ReadStore.afterAppend(c, message, stored.message().id());
            }
            return stored;
        }
    }

    private final SqlEngine engine;
    private final MessageInsert messageInsert;
    private final SearchStore.Search search;

    public SqlStore(SqlEngine engine, MessageInsert messageInsert, SearchStore.Search search) {
        this.engine = engine;
        this.messageInsert = messageInsert;
        this.search = search;
    }

    /** The embedded default: SQLite, one order of ids for the whole file, FTS5 for search. */
    public static SqlStore sqlite(Database database) {
        return new SqlStore(database, MessageStore::insert, SearchStore::sqlite);
    }

    @Override public Users users() { return this; }
    @Override public Rooms rooms() { return this; }
    @Override public Messages messages() { return this; }
    @Override public Tokens tokens() { return this; }
    @Override public Reads reads() { return this; }

    @Override
    public CompletableFuture<Snapshot> snapshot() {
        return engine.read(c -> new Snapshot(UserStore.names(c), RoomStore.loadAll(c), RoomStore.createdPerUser(c)));
    }

    @Override
    public String location() {
        return engine.location();
    }

    @Override
    public boolean created() {
        return engine.created();
    }

    @Override
    public void backupTo(Path target) throws Backup.Failure {
        engine.backupTo(target);
    }

    @Override
    public void close() {
        engine.close();
    }

    @Override
    public CompletableFuture<Boolean> add(String name, String passwordHash, long now, Consumer<Boolean> onCommitted) {
        return engine.writeIfRoom(c -> {
            boolean added = UserStore.insert(c, name, passwordHash, now);
            if (added) {
                ReadStore.beginAtNewest(c, UserStore.keyOf(name), org.parley.protocol.Limits.GENERAL_ROOM);
            }
            return added;
        }, onCommitted);
    }

    @Override
    public CompletableFuture<Optional<UserStore.User>> find(String name) {
        return engine.read(c -> UserStore.find(c, name));
    }

    @Override
    public CompletableFuture<RoomStore.Joined> join(String room, String userKey, long now, int quota,
            Consumer<RoomStore.Joined> onCommitted) {
        return engine.writeIfRoom(c -> {
            RoomStore.Joined joined = RoomStore.join(c, room, userKey, now, quota);
            if (joined != RoomStore.Joined.OVER_QUOTA) {
                ReadStore.beginAtNewest(c, userKey, room);
            }
            return joined;
        }, onCommitted);
    }

    @Override
    public CompletableFuture<Void> leave(String room, String userKey, Consumer<Void> onCommitted) {
        return engine.write(c -> {
            RoomStore.leave(c, room, userKey);
            ReadStore.forget(c, userKey, room);
            return null;
        }, onCommitted);
    }

    @Override
    public CompletableFuture<MessageStore.Stored> append(NewMessage message, Consumer<MessageStore.Stored> onCommitted) {
        return engine.writeIfRoom(new Append(messageInsert, message), onCommitted);
    }

    @Override
    public CompletableFuture<List<ChatMessage>> page(String conv, Long before, Long after, int limit) {
        return engine.read(c -> MessageStore.fromCursor(c, conv, before, after, limit));
    }

    @Override
    public CompletableFuture<java.util.Map<String, Long>> latest() {
        return engine.read(MessageStore::latest);
    }

    @Override
    public CompletableFuture<ReadStore.Outcome> markRead(String userKey, String conv, long upTo,
            Consumer<ReadStore.Outcome> onCommitted) {
        return engine.write(c -> ReadStore.markRead(c, userKey, conv, upTo), onCommitted);
    }

    @Override
    public CompletableFuture<List<ReadStore.Counts>> unread(String userKey, java.util.Collection<String> rooms) {
        return engine.read(c -> ReadStore.unread(c, userKey, rooms));
    }

    @Override
    public CompletableFuture<List<SearchStore.Found>> search(List<String> words, java.util.Collection<String> convs,
            String privateOf, Long before, int limit) {
        return engine.searchable().thenCompose(indexed -> engine.read(c -> {
            java.util.Set<String> where = new java.util.TreeSet<>(convs);
            if (privateOf != null) {
                where.addAll(ReadStore.privateConversations(c, privateOf));
            }
            return where.isEmpty() ? List.of() : search.find(c, words, where, before, limit);
        }));
    }

    @Override
    public CompletableFuture<Void> issue(String tokenHash, String user, long expiresAt, String newPasswordHash) {
        return engine.write(c -> {
            TokenStore.insert(c, tokenHash, UserStore.keyOf(user), expiresAt);
            if (newPasswordHash != null) {
                UserStore.updateHash(c, user, newPasswordHash);
            }
            return null;
        }, null);
    }

    @Override
    public CompletableFuture<Optional<String>> rotate(String presentedHash, String freshHash, long now, long expiresAt) {
        return engine.write(c -> {
            Optional<String> user = TokenStore.consume(c, presentedHash, now);
            if (user.isPresent()) {
                TokenStore.insert(c, freshHash, UserStore.keyOf(user.get()), expiresAt);
            }
            return user;
        }, null);
    }

    @Override
    public CompletableFuture<Void> revoke(String tokenHash) {
        return engine.write(c -> {
            TokenStore.revoke(c, tokenHash);
            return null;
        }, null);
    }

    @Override
    public CompletableFuture<Integer> purgeExpired(long now) {
        return engine.write(c -> TokenStore.purgeExpired(c, now), null);
    }
}
