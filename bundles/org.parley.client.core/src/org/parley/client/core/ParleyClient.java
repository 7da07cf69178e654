package org.parley.client.core;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.parley.protocol.ChatMessage;
import org.parley.protocol.RoomInfo;

/**
 * A headless Parley chat client: one per workbench, offered as an OSGi service (or made with {@link ParleyClients}).
 *
 * <p>Conversations are named as on the wire: {@code #room} for a room, {@code @user} for a private conversation;
 * names are case-insensitive and events carry the lower-case {@link Conversations#key}.
 *
 * <p>Threading: every method may be called from any thread and never blocks on the network. Futures complete on a
 * client worker thread (never a MINA I/O thread), so dependent stages must not block for long; UI code should hop to
 * its own thread (e.g. {@code thenAcceptAsync(..., display::asyncExec)}). Futures fail with {@link ParleyException}
 * (or a subclass) as the cause.
 */
public interface ParleyClient extends AutoCloseable {

    ConnectionState state();

    /** The logged-in user (as the server spells it) while a session exists, i.e. in CONNECTING after login, ONLINE and RECONNECTING. */
    Optional<String> user();

    /** The server of the current session, if any. */
    Optional<ServerAddress> server();

    /**
     * The node of {@link #server()} the client is connected to while {@link ConnectionState#ONLINE} (empty in every
     * other state): for a cluster, the first node that answered at login, or the one the session failed over to. It
     * is set before the state event that announces ONLINE, so a listener reading it then sees the node just reached;
     * a move to another node always passes through RECONNECTING and back to ONLINE.
     */
    Optional<ServerAddress.Node> node();

    /**
     * Creates an account on a separate short-lived connection; does not log in and does not change {@link #state()}.
     * The password array is not kept (the caller should clear it afterwards).
     */
    CompletableFuture<Void> register(ServerAddress server, String user, char[] password);

    /**
     * Connects (asking the {@link TrustPrompt} if the server is new) and logs in; completes with the user name as the
     * server spells it once {@link ConnectionState#ONLINE}. Fails if a session already exists (log out first).
     * Pending outbox entries of this user on this server are sent afterwards.
     */
    CompletableFuture<String> login(ServerAddress server, String user, char[] password);

    /** Ends the session on the server and locally; state becomes OFFLINE. Completes normally even if the link is down. */
    CompletableFuture<Void> logout();

    /** The first page of the users online (up to the protocol's maximum page), sorted case-insensitively. */
    CompletableFuture<List<String>> onlineUsers();

    /**
     * A page of the users online, sorted case-insensitively: those after {@code after} (null: from the start), at most
     * {@code limit} (1 to {@link org.parley.protocol.Limits#MAX_USERS_LIMIT}). A snapshot, not kept current: follow
     * users with {@link #watchPresence}.
     */
    CompletableFuture<UsersPage> onlineUsers(String after, int limit);

    /**
     * Like {@link #onlineUsers(String, int)}, only the users whose names start with {@code prefix}, compared
     * case-insensitively: how to find someone among more users than a page holds.
     *
     * @throws IllegalArgumentException when {@code prefix} is not the start of a username
     *                                  ({@link org.parley.protocol.NameRules#isUsernamePrefix}) or {@code limit} is
     *                                  out of range
     */
    CompletableFuture<UsersPage> onlineUsersStartingWith(String prefix, String after, int limit);

    /**
     * Declares which users {@code owner} (a view, say) shows with their presence, replacing what it declared before
     * (empty: none). The client watches the union of all owners' users, up to
     * {@link org.parley.protocol.Limits#MAX_WATCH} in the order owners declared them, on this session and every later
     * one; {@link ParleyListener#presenceChanged} then reports those users (protocol 3 servers push nothing else): each
     * one's state when first watched, offline too (a user listed by {@link #onlineUsers} may have left before the
     * watch), then every change; a user no longer watched by anyone is reported offline. May be called in any state.
     */
    void watchPresence(String owner, Collection<String> users);

    /** Whether a watched user is online, as last heard (false for users nobody watches). Any thread. */
    boolean isOnline(String user);

    CompletableFuture<List<RoomInfo>> rooms();

    /** Joins (or creates) a room, {@code #name}. Also opens the conversation for catch-up. */
    CompletableFuture<Void> join(String room);

    CompletableFuture<Void> leave(String room);

    /**
     * Queues a message in the outbox (persisted) and sends it as soon as the client is ONLINE, with the entry's key
     * as idempotency key. Returns the PENDING entry at once; its later states arrive as
     * {@link ParleyListener#outboxChanged}. Requires a session (ONLINE, CONNECTING or RECONNECTING).
     *
     * @throws NotConnectedException if there is no session
     * @throws IllegalArgumentException if the text is empty or longer than the protocol allows
     */
    OutboxEntry send(String conversation, String text);

    /** Sends a FAILED entry again (same key). */
    void retry(String outboxKey);

    /** Removes a PENDING or FAILED entry from the outbox (a PENDING one may already have reached the server). */
    void discard(String outboxKey);

    /** Entries of the current user on the current server, oldest first: PENDING, FAILED and those SENT this session. */
    List<OutboxEntry> outbox();

    /**
     * A page of history, oldest first: messages older than {@code beforeId} (null: the newest), at most {@code limit}.
     * Messages returned here are marked as seen for catch-up but not re-announced through the listener.
     */
    CompletableFuture<List<ChatMessage>> history(String conversation, Long beforeId, int limit);

    /**
     * Unread and mention counts of every conversation the user may read, keyed by {@link Conversations#key}, as last
     * fetched and updated from pushes (empty while offline); changes arrive as {@link ParleyListener#unreadChanged}.
     */
    Map<String, UnreadCount> unreadCounts();

    /**
     * Moves the user's read marker of a conversation forward to {@code messageId} (a message of it), on the server for
     * all the user's sessions; never back. The other sessions' badges clear through a push.
     */
    CompletableFuture<Void> markRead(String conversation, long messageId);

    /**
     * One page of full-text search over the conversations the user may read, newest match first: every word of
     * {@code query} must occur (docs/protocol.md 6.14). Open a result with {@link #history} before
     * {@code msg.id + 1} (the match and what precedes it) or ask the server for {@code history after: msg.id - 1}.
     *
     * @param conversation only this one ({@code #room} or {@code @user}), or null for all
     * @param beforeId     the smallest id of the previous page, or null for the first page
     */
    CompletableFuture<SearchPage> search(String query, String conversation, Long beforeId, int limit);

    /** Marks a conversation as shown, so after a reconnect what was missed in it is fetched and announced. */
    void openConversation(String conversation);

    void closeConversation(String conversation);

    /** Registers a listener whose methods run on {@code executor} (the UI passes {@code display::asyncExec}). */
    Registration addListener(ParleyListener listener, Executor executor);

    /**
     * Whether a lost link is retried. On (the default, {@link ClientOptions#reconnect()}): the client goes
     * {@link ConnectionState#RECONNECTING} and resumes with backoff. Off: it goes {@link ConnectionState#OFFLINE} and
     * reports a {@link ConnectionLostException} through {@link ParleyListener#error}; the outbox keeps its entries for
     * the next login. Turning it off while RECONNECTING ends that session the same way; turning it on while OFFLINE
     * starts nothing (there is no session to resume).
     */
    void setReconnect(boolean enabled);

    /** The current reconnect setting (see {@link #setReconnect}). */
    boolean reconnect();

    /** Who decides about servers seen for the first time; the default declines. */
    void setTrustPrompt(TrustPrompt prompt);

    /** Removes a server's remembered certificate, e.g. after the user confirmed that it was re-keyed. */
    void forgetServer(ServerAddress server);

    /**
     * Remembers {@code sha256} as the server's certificate, replacing what was remembered: for a change the user
     * checked and confirmed (the fingerprint of {@link CertificateChangedException#presentedSha256()}). The next
     * connection accepts exactly that certificate.
     */
    void trustServer(ServerAddress server, String sha256);

    /** Every server whose self-signed certificate the user trusted, with its SHA-256 fingerprint, sorted by address. */
    Map<ServerAddress, String> knownServers();

    /** Where this client keeps its outbox and known servers; clients in several processes may share it. */
    Path stateDirectory();

    /** Logs out if needed, stops all threads and releases the network. The client cannot be used afterwards. */
    @Override
    void close();
}
