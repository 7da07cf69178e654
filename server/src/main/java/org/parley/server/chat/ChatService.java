package org.parley.server.chat;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.apache.mina.core.session.IoSession;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Limits;
import org.parley.protocol.NameRules;
import org.parley.protocol.ServerMessage;
import org.parley.protocol.UnreadInfo;
import org.parley.server.RequestRefusedException;
import org.parley.server.audit.SecurityLog;
import org.parley.server.bus.Bus;
import org.parley.server.outbound.Outbound;
import org.parley.server.store.MessageStore;
import org.parley.server.store.RoomStore;
import org.parley.server.store.Store;
import org.parley.server.store.UserStore;

/** Rooms, sending and history for logged-in users. Writes go through the store's group-committing writer. */
public final class ChatService {
    /** Idempotency keys are opaque to the server; this only bounds what a client can make it store. */
    public static final int MAX_KEY_CHARS = 128;

    private final Store store;
    private final Directory directory;
    private final Presence presence;
    private final Fanout fanout;
    /** The other nodes of a cluster; null on a single node, which fans out itself. */
    private final Bus bus;
    private final int roomsPerUser;
    private final int historyPageBytes;
    private final Clock clock;
    private final SecurityLog log;
    private final ReadState reads;
    private final Search search;

    /**
     * @param roomsPerUser     rooms one user may create
     * @param historyPageBytes largest history reply frame
     * @param bus              the cluster's bus, or null on a single node
     */
    public ChatService(Store store, Directory directory, Presence presence, Fanout fanout, Bus bus, int roomsPerUser,
            int historyPageBytes, Clock clock, SecurityLog log) {
        this.store = store;
        this.directory = directory;
        this.presence = presence;
        this.fanout = fanout;
        this.bus = bus;
        this.roomsPerUser = roomsPerUser;
        this.historyPageBytes = historyPageBytes;
        this.clock = clock;
        this.log = log;
        this.reads = new ReadState(store, directory, fanout, bus);
        this.search = new Search(store, directory);
    }

    /** Moves the user's read marker of {@code with} forward; see {@link ReadState#read}. */
    public CompletableFuture<Void> read(String user, IoSession origin, String with, long upTo) {
        return reads.read(user, origin, with, upTo);
    }

    /** A page of full-text search over what the user may read; see {@link Search}. */
    public CompletableFuture<ServerMessage.Search> search(String user, String query, String with, Long before,
            Integer limit, String replyId) {
        return search.page(user, query, with, before, limit, replyId);
    }

    /** Unread and mention counts of every conversation the user may read. */
    public CompletableFuture<List<UnreadInfo>> unread(String user) {
        return reads.unread(user);
    }

    /** A page of the room list, sorted by name: rooms after {@code after}, at most {@code limit} (default: the most). */
    public Directory.RoomPage rooms(String user, String after, Integer limit) {
        int size = limit == null ? Limits.MAX_ROOMS_LIMIT : limit;
        if (size < 1 || size > Limits.MAX_ROOMS_LIMIT) {
            throw new RequestRefusedException(ErrorCode.BAD_REQUEST, "limit must be 1-" + Limits.MAX_ROOMS_LIMIT);
        }
        return directory.rooms(UserStore.keyOf(user), after, size);
    }

    /**
     * A page of the online users, sorted case-insensitively: those whose names start with {@code prefix} (null: all)
     * and sort after {@code after}, at most {@code limit}.
     */
    public Presence.Page online(String after, Integer limit, String prefix) {
        int size = limit == null ? Limits.MAX_USERS_LIMIT : limit;
        if (size < 1 || size > Limits.MAX_USERS_LIMIT) {
            throw new RequestRefusedException(ErrorCode.BAD_REQUEST, "limit must be 1-" + Limits.MAX_USERS_LIMIT);
        }
        if (prefix != null && !NameRules.isUsernamePrefix(prefix)) {
            throw new RequestRefusedException(ErrorCode.BAD_REQUEST,
                    "'prefix' must be at most " + Limits.MAX_USERNAME + " of " + NameRules.NAME_CHARACTERS);
        }
        return presence.page(after == null ? null : UserStore.keyOf(after), size,
                prefix == null ? "" : UserStore.keyOf(prefix));
    }

    /**
     * Replaces the users whose presence {@code session} hears; {@code reply} gets those of them online now. Names must
     * be well-formed usernames (not necessarily registered ones: a deleted account must not break a client's list).
     */
    public void watch(IoSession session, List<String> users, Consumer<List<String>> reply) {
        if (users.size() > Limits.MAX_WATCH) {
            throw new RequestRefusedException(ErrorCode.TOO_LARGE, "watch at most " + Limits.MAX_WATCH + " users");
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            if (!NameRules.isUsername(users.get(i))) {
                throw new RequestRefusedException(ErrorCode.BAD_REQUEST, "'users[" + i + "]' is not a username ("
                        + Limits.MIN_USERNAME + "-" + Limits.MAX_USERNAME + " of " + NameRules.NAME_CHARACTERS + ")");
            }
            keys.add(UserStore.keyOf(users.get(i)));
        }
        presence.watch(session, keys, reply);
    }

    /**
     * Joins a room, creating it when missing, within the user's quota of rooms created. Joining a room one is
     * already in succeeds.
     */
    public CompletableFuture<Void> join(String user, String roomName, String address) {
        String room = Names.room(roomName);
        String key = UserStore.keyOf(user);
        if (directory.isMember(room, key)) {
            return CompletableFuture.completedFuture(null);
        }
        boolean creates = !directory.roomExists(room);
        // The node's own count refuses at once without a write; the store's count (every node's creations) decides.
        if (creates && !directory.reserveRoom(key, roomsPerUser)) {
            throw overQuota(key, address);
        }
        CompletableFuture<RoomStore.Joined> joined = StoreFailures.answered(store.rooms().join(room, key,
                clock.millis(), roomsPerUser, outcome -> {
                    // On the writer thread, in commit order: JOINED for a room that was missing here means another
                    // writer's creation committed first and this join created nothing.
                    if (creates && outcome != RoomStore.Joined.CREATED) {
                        directory.releaseRoom(key);
                    }
                    if (outcome == RoomStore.Joined.OVER_QUOTA) {
                        return;
                    }
                    directory.join(room, key);
                    if (bus != null) {
                        bus.joined(room, key);
                    }
                }));
        if (creates) {
            joined.whenComplete((v, failure) -> {
                if (failure != null) {
                    directory.releaseRoom(key);
                }
            });
        }
        return joined.thenAccept(outcome -> {
            if (outcome == RoomStore.Joined.OVER_QUOTA) {
                throw overQuota(key, address);
            }
        });
    }

    private RequestRefusedException overQuota(String key, String address) {
        log.event("room-quota", address, "'" + key + "' has created " + roomsPerUser + " rooms, the most allowed");
        return new RequestRefusedException(ErrorCode.QUOTA_EXCEEDED, "you have created " + roomsPerUser
                + " rooms, the most allowed; join existing ones");
    }

    public CompletableFuture<Void> leave(String user, String roomName) {
        String room = Names.room(roomName);
        String key = UserStore.keyOf(user);
        if (room.equals(Limits.GENERAL_ROOM)) {
            throw new RequestRefusedException(ErrorCode.BAD_REQUEST, Limits.GENERAL_ROOM + " cannot be left");
        }
        if (!directory.roomExists(room)) {
            throw new RequestRefusedException(ErrorCode.NO_SUCH_ROOM, "no room " + room);
        }
        if (!directory.isMember(room, key)) {
            throw new RequestRefusedException(ErrorCode.NOT_A_MEMBER, "not in " + room);
        }
        return StoreFailures.answered(store.rooms().leave(room, key, v -> {
            directory.leave(room, key);
            if (bus != null) {
                bus.left(room, key);
            }
        }));
    }

    /**
     * Stores a message. Once it is committed, {@code ack} runs and then every other online session of the
     * conversation has it queued, all on the writer thread, so every session sees messages in id order.
     * Queuing is all the writer does per recipient: encryption happens on the {@link Outbound} drainers. On a
     * cluster the bus queues it instead, on its own thread, in id order with the other nodes' messages.
     */
    public CompletableFuture<ChatMessage> send(String user, IoSession origin, String to, String text, String idemKey,
            Consumer<ChatMessage> ack) {
        String key = UserStore.keyOf(user);
        Conversation conversation = Conversation.resolve(to, key, directory);
        checkText(text);
        if (idemKey != null && (idemKey.isEmpty() || idemKey.length() > MAX_KEY_CHARS)) {
            throw new RequestRefusedException(ErrorCode.BAD_REQUEST, "key must be 1-" + MAX_KEY_CHARS + " characters");
        }
        Store.NewMessage message = new Store.NewMessage(conversation.key(), key, user, conversation.label(), text, idemKey,
                clock.instant());
        Runnable ended = bus == null ? () -> { } : bus.sending(conversation.key(), key);
        CompletableFuture<MessageStore.Stored> stored;
        try {
            stored = store.messages().append(message, committed -> {
                ack.accept(committed.message());
                if (!committed.duplicate()) {
                    if (bus == null) {
                        fanout.deliver(conversation.key(), committed.message(), Outbound.of(origin));
                    } else {
                        // In id order with what other nodes store in this conversation (see bus.RedisBus).
                        bus.messageCommitted(conversation.key(), committed.message(), Outbound.of(origin));
                    }
                }
                ended.run();
            });
        } catch (RuntimeException e) {
            ended.run();
            throw e;
        }
        return StoreFailures.answered(stored.whenComplete((s, failure) -> ended.run()).thenApply(MessageStore.Stored::message));
    }

    private static void checkText(String text) {
        if (text.isEmpty()) {
            throw new RequestRefusedException(ErrorCode.BAD_REQUEST, "text must not be empty");
        }
        if (text.codePointCount(0, text.length()) > Limits.MAX_TEXT_CHARS) {
            throw new RequestRefusedException(ErrorCode.TOO_LARGE, "text exceeds " + Limits.MAX_TEXT_CHARS + " characters");
        }
    }

    /**
     * A page of a conversation, oldest first, at most {@code limit} messages and at most the history byte budget
     * for the whole reply (whose {@code re} is {@code replyId}); see {@link MessageStore#fromCursor}.
     */
    public CompletableFuture<HistoryPage> history(String user, String with, Long before, Long after, Integer limit,
            String replyId) {
        Conversation conversation = Conversation.resolve(with, UserStore.keyOf(user), directory);
        int size = limit == null ? Limits.DEFAULT_HISTORY_LIMIT : limit;
        if (size < 1 || size > Limits.MAX_HISTORY_LIMIT) {
            throw new RequestRefusedException(ErrorCode.BAD_REQUEST, "limit must be 1-" + Limits.MAX_HISTORY_LIMIT);
        }
        // One more than asked for: whether it exists tells the client if there is more to read.
        return StoreFailures.answered(store.messages().page(conversation.key(), before, after, size + 1))
                .thenApply(rows -> HistoryPage.cut(rows, size, historyPageBytes, replyId, after != null));
    }
}
