package org.parley.client.core.internal.session;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.parley.client.core.CertificateRejectedException;
import org.parley.client.core.ClientOptions;
import org.parley.client.core.ConnectionLostException;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.NotConnectedException;
import org.parley.client.core.ParleyException;
import org.parley.client.core.ServerAddress;
import org.parley.client.core.UnreadCount;
import org.parley.client.core.internal.net.LinkEvents;
import org.parley.client.core.internal.net.ServerLink;
import org.parley.client.core.internal.outbox.Outbox;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.ProtocolException;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;

/**
 * The session life cycle: login, resume after a dropped link with backoff, catch-up, logout.
 *
 * <p>Threading: all fields except the volatile snapshots are touched only on {@code loop}, a single thread, so the
 * state machine needs no locks. ServerLink completes its futures on that thread too; work that may block (the trust
 * prompt) runs elsewhere ({@link TrustedConnector}) and hops back. Creating an account is not part of a session
 * ({@link Registrar}); the caller's requests within one are {@link SessionRequests}'. {@code generation} changes on
 * login and logout so callbacks of an abandoned attempt recognise themselves and do nothing.
 */
final class SessionMachine implements LinkEvents {
    private static final System.Logger LOG = System.getLogger(SessionMachine.class.getName());

    private final ScheduledExecutorService loop;
    private final TrustedConnector connector;
    private final EventHub events;
    private final Outbox outbox;
    private final Backoff backoff;
    private final SeenMessages seen = new SeenMessages();
    private final CatchUp catchUp;
    private final OutboxSender sender;
    private final PresenceTracker presence;
    private final ReadTracker reads;
    private final Pushes pushes;
    private final SessionRequests requests;
    private final Set<String> openConversations = ConcurrentHashMap.newKeySet();

    private volatile ConnectionState state = ConnectionState.OFFLINE;
    /** Written on {@code loop} only; volatile so {@link #reconnect()} can answer from any thread. */
    private volatile boolean reconnect;
    private volatile ServerAddress server;
    private volatile String user;
    private String resumeToken;
    private ServerLink link;
    /** Index in {@code server.nodes()} of the node the session is (or was last) on. */
    private int node;
    /** {@code link}'s node while ONLINE, else null: a snapshot for {@link #node()}, which any thread may call. */
    private volatile ServerAddress.Node nodeInUse;
    private int attempt;
    private long generation;
    private ScheduledFuture<?> reconnectTimer;

    SessionMachine(ScheduledExecutorService loop, TrustedConnector connector, EventHub events, Outbox outbox,
            ClientOptions options) {
        this.loop = loop;
        this.connector = connector;
        this.events = events;
        this.outbox = outbox;
        this.backoff = new Backoff(options.reconnectBase(), options.reconnectMax());
        this.catchUp = new CatchUp(seen, events, loop, options.maxCatchUpPages(), this::isCurrent);
        this.sender = new OutboxSender(outbox, events, loop, this::deliver, this::flushIfOnline);
        this.presence = new PresenceTracker(events, this::isCurrent);
        this.reads = new ReadTracker(events, this::isCurrent);
        this.pushes = new Pushes(events, seen, presence, reads, () -> user);
        this.requests = new SessionRequests(loop, this::onlineLink, this::isCurrent, seen, reads);
        this.reconnect = options.reconnect();
    }

    /** The caller's requests on this session's live link. */
    SessionRequests requests() {
        return requests;
    }

    boolean reconnect() {
        return reconnect;
    }

    /**
     * On the loop, so it cannot interleave with {@link #closed}: a link lost after this call sees the new value. A
     * session already retrying is ended at once rather than left retrying against the user's wish.
     */
    void setReconnect(boolean enabled) {
        try {
            loop.execute(() -> {
                reconnect = enabled;
                if (!enabled && state == ConnectionState.RECONNECTING) {
                    connectionLost(null);
                }
            });
        } catch (RejectedExecutionException closed) {
            // A closed client has no session left to retry or end; a preference listener may still call in late.
            reconnect = enabled;
        }
    }

    ConnectionState state() {
        return state;
    }

    String user() {
        return user;
    }

    ServerAddress server() {
        return server;
    }

    /** The node of the link the session is on; null unless ONLINE. */
    ServerAddress.Node node() {
        return nodeInUse;
    }

    /**
     * Adds a conversation to those caught up after a reconnect, and takes its baseline now if online. The set belongs
     * to the client (the UI's open views), not to a session: it survives logout and login.
     */
    void openConversation(String conversation) {
        openConversations.add(conversation);
        loop.execute(() -> {
            if (state == ConnectionState.ONLINE && link != null) {
                catchUp.baseline(link, conversation);
            }
        });
    }

    /** Sets {@code owner}'s share of the users whose presence is followed; watches the new union now if online. */
    void watchPresence(String owner, Collection<String> users) {
        List<String> copy = List.copyOf(users);
        loop.execute(() -> {
            if (presence.interest(owner, copy) && state == ConnectionState.ONLINE && link != null) {
                presence.refresh(link);
            }
        });
    }

    boolean isOnline(String user) {
        return presence.isOnline(user);
    }

    void closeConversation(String conversation) {
        openConversations.remove(conversation);
    }

    /** {@code user@host:port} of the current session, or null when there is none. */
    String account() {
        String u = user;
        ServerAddress s = server;
        return u == null || s == null || state == ConnectionState.OFFLINE ? null : Outbox.account(u, s);
    }

    CompletableFuture<String> login(ServerAddress address, String name, String password) {
        return onLoop(() -> {
            if (state != ConnectionState.OFFLINE) {
                throw new ParleyException(null, "already " + state + " as " + user + " on " + server + "; log out first");
            }
            long gen = ++generation;
            server = address;
            user = name;
            setState(ConnectionState.CONNECTING);
            return authenticate(gen, address, 0, id -> new Request.Login(id, name, password))
                    .whenComplete((u, e) -> {
                        if (e != null && gen == generation) {
                            endSession();
                        } else if (e == null) {
                            presence.refresh(link);
                            reads.refresh(link);
                            openConversations.forEach(c -> catchUp.baseline(link, c));
                        }
                    });
        });
    }

    CompletableFuture<Void> logout() {
        return onLoop(() -> {
            ServerLink current = link;
            link = null; // keep it open for the logout request below
            endSession();
            if (current == null) {
                return CompletableFuture.completedFuture(null);
            }
            return current.request(Request.Logout::new).handle((ok, e) -> {
                current.close();
                return null;
            });
        });
    }

    /** The live link, or throws NotConnectedException. Session thread only. */
    private ServerLink onlineLink() {
        if (state != ConnectionState.ONLINE || link == null) {
            throw new NotConnectedException("not online (" + state + ")");
        }
        return link;
    }

    /**
     * Whether replies and pushes from {@code l} belong to the session now: the link is the session's. One that was
     * abandoned (logout, a dropped link) may still deliver what the server sent before; with another server's ids
     * that would mark the next session's messages as seen and hide them. Session thread only.
     */
    private boolean isCurrent(ServerLink l) {
        return l != null && l == link;
    }

    Map<String, UnreadCount> unreadCounts() {
        return reads.snapshot();
    }

    void flushIfOnline() {
        loop.execute(() -> {
            if (state == ConnectionState.ONLINE && link != null) {
                sender.flush(link, account());
            }
        });
    }

    @Override
    public void pushed(ServerLink from, ServerMessage push) {
        if (isCurrent(from)) { // else sent to a session that has ended
            pushes.pushed(from, push);
        }
    }

    @Override
    public void malformed(ServerLink from, ProtocolException problem) {
        pushes.malformed(problem);
    }

    @Override
    public void closed(ServerLink closed, ParleyException cause) {
        if (closed != link) {
            return; // a link we already abandoned (logout, superseded attempt)
        }
        LOG.log(System.Logger.Level.INFO, "link to {0} lost: {1}", closed.node(), cause.getMessage());
        link = null;
        nodeInUse = null;
        if (!reconnect) {
            connectionLost(cause);
            return;
        }
        setState(ConnectionState.RECONNECTING);
        scheduleReconnect();
    }

    /** Ends the session because reconnecting is off; the outbox is not touched, so its entries wait for a login. */
    private void connectionLost(ParleyException cause) {
        ServerAddress lost = server;
        endSession();
        events.error(new ConnectionLostException(lost, cause));
    }

    private void deliver(ServerLink from, ChatMessage message) {
        // Not from an ended session's link: a send's acknowledgement after logout is the outbox's, not the next session's.
        if (isCurrent(from)) {
            pushes.message(message);
        }
    }

    private String online(long gen, int index, ServerLink l, ServerMessage.Ok ok) {
        if (gen != generation) {
            l.close();
            throw new ParleyException(null, "login abandoned by logout", null, null);
        }
        link = l;
        node = index;
        // Before the state event, so a listener reading node() on ONLINE sees this link's node.
        nodeInUse = l.node();
        if (ok.user() != null) {
            user = ok.user();
        }
        if (ok.resume() != null) {
            resumeToken = ok.resume();
        }
        attempt = 0;
        setState(ConnectionState.ONLINE);
        sender.flush(l, account());
        return user;
    }

    private void scheduleReconnect() {
        long delay = backoff.delayMillis(attempt++);
        long gen = generation;
        reconnectTimer = loop.schedule(() -> reconnect(gen), delay, TimeUnit.MILLISECONDS);
    }

    private void reconnect(long gen) {
        if (gen != generation || state != ConnectionState.RECONNECTING) {
            return;
        }
        String token = resumeToken;
        // The node after the one lost first: it just failed us, and every node can resume the session.
        authenticate(gen, server, node + 1, id -> new Request.Resume(id, token))
                .whenComplete((u, e) -> {
                    if (gen != generation) {
                        return;
                    }
                    if (e == null) {
                        presence.refresh(link);
                        reads.refresh(link);
                        catchUp.run(link, openConversations);
                        return;
                    }
                    LOG.log(System.Logger.Level.DEBUG, "reconnect to {0} failed: {1}", server, e);
                    ParleyException problem = ParleyException.unwrap(e);
                    if (problem instanceof CertificateRejectedException || problem.code() == ErrorCode.AUTH_FAILED) {
                        // No retry can fix these: a changed certificate must never be accepted by trying harder,
                        // and an expired resume token needs the password.
                        endSession();
                        events.error(problem);
                    } else {
                        scheduleReconnect();
                    }
                });
    }

    /**
     * Connects to the nodes of {@code address} in turn from {@code first} ({@link NodeFailover}), sends {@code login}
     * or {@code resume}, and on {@code ok} makes the link the session's (ONLINE).
     */
    private CompletableFuture<String> authenticate(long gen, ServerAddress address, int first,
            Function<String, Request> request) {
        return NodeFailover.tryNodes(address, first, loop, () -> gen == generation,
                (index, n) -> connector.connect(address, n, this).thenCompose(l -> l.request(request).whenComplete((ok, e) -> {
                    if (e != null) {
                        l.close();
                    }
                }).thenApply(ok -> online(gen, index, l, (ServerMessage.Ok) ok))));
    }

    /** Forgets the session (not the outbox) and goes OFFLINE; late callbacks see a new generation. */
    private void endSession() {
        generation++;
        if (reconnectTimer != null) {
            reconnectTimer.cancel(false);
        }
        if (link != null) {
            link.close();
            link = null;
        }
        nodeInUse = null;
        resumeToken = null;
        seen.clear();
        presence.clear();
        reads.clear();
        user = null;
        server = null;
        setState(ConnectionState.OFFLINE);
    }

    private void setState(ConnectionState next) {
        if (state != next) {
            state = next;
            events.state(next);
        }
    }

    private <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> body) {
        return onLoop(loop, body);
    }

    /** Runs {@code body} on the session thread {@code loop}; a throw becomes a failed future. */
    static <T> CompletableFuture<T> onLoop(Executor loop, Supplier<CompletableFuture<T>> body) {
        return CompletableFuture.supplyAsync(body, loop).thenCompose(Function.identity());
    }
}
