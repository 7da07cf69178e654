package org.parley.client.core.internal.session;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.parley.client.core.ClientOptions;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.Conversations;
import org.parley.client.core.NotConnectedException;
import org.parley.client.core.OutboxEntry;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.ParleyException;
import org.parley.client.core.ParleyListener;
import org.parley.client.core.Registration;
import org.parley.client.core.SearchPage;
import org.parley.client.core.ServerAddress;
import org.parley.client.core.UnreadCount;
import org.parley.client.core.UsersPage;
import org.parley.client.core.TrustPrompt;
import org.parley.client.core.internal.net.Transport;
import org.parley.client.core.internal.outbox.Outbox;
import org.parley.client.core.internal.trust.KnownServers;
import org.parley.client.core.internal.trust.TrustGate;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Limits;
import org.parley.protocol.NameRules;
import org.parley.protocol.Request;
import org.parley.protocol.RoomInfo;
import org.parley.protocol.ServerMessage;

/**
 * The {@link ParleyClient} implementation: validates arguments, hands work to {@link SessionMachine} (requests on the
 * live link to its {@link SessionRequests}) and republishes its futures on the worker pool so caller stages never run
 * on the session thread (and never on MINA's).
 *
 * <p>Threads: one MINA I/O thread (inside {@link Transport}), one session thread ({@code parley-session}) owning all
 * session state, a small worker pool ({@code parley-worker}) completing caller futures and running trust prompts,
 * and the listeners' own executors.
 *
 * <p>Not final only so the OSGi component ({@code internal.osgi.ParleyClientComponent}) can be this client itself.
 */
public class DefaultParleyClient implements ParleyClient {
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(daemon("parley-session"));
    private final ExecutorService worker = Executors.newCachedThreadPool(daemon("parley-worker"));
    private final EventHub events = new EventHub();
    private final KnownServers knownServers;
    private final TrustGate trust;
    private final Outbox outbox;
    private final Transport transport;
    private final SessionMachine session;
    private final SessionRequests requests;
    private final Registrar registrar;
    private final Path stateDir;

    public DefaultParleyClient(Path stateDir, ClientOptions options) {
        this.stateDir = stateDir;
        this.knownServers = new KnownServers(stateDir);
        this.trust = new TrustGate(knownServers);
        this.outbox = new Outbox(stateDir);
        this.transport = new Transport(knownServers, loop, options);
        TrustedConnector connector = new TrustedConnector(transport, trust, worker, loop);
        this.session = new SessionMachine(loop, connector, events, outbox, options);
        this.requests = session.requests();
        this.registrar = new Registrar(connector, loop);
    }

    @Override
    public ConnectionState state() {
        return session.state();
    }

    @Override
    public Optional<String> user() {
        return Optional.ofNullable(session.user());
    }

    @Override
    public Optional<ServerAddress> server() {
        return Optional.ofNullable(session.server());
    }

    @Override
    public Optional<ServerAddress.Node> node() {
        return Optional.ofNullable(session.node());
    }

    @Override
    public CompletableFuture<Void> register(ServerAddress server, String user, char[] password) {
        return publish(registrar.register(server, user, new String(password)));
    }

    @Override
    public CompletableFuture<String> login(ServerAddress server, String user, char[] password) {
        return publish(session.login(server, user, new String(password)));
    }

    @Override
    public CompletableFuture<Void> logout() {
        return publish(session.logout());
    }

    @Override
    public CompletableFuture<List<String>> onlineUsers() {
        return publish(requests.call(Request.Users::new).thenApply(r -> ((ServerMessage.Users) r).online()));
    }

    @Override
    public CompletableFuture<UsersPage> onlineUsers(String after, int limit) {
        return usersPage(after, limit, null);
    }

    @Override
    public CompletableFuture<UsersPage> onlineUsersStartingWith(String prefix, String after, int limit) {
        if (!NameRules.isUsernamePrefix(prefix)) {
            throw new IllegalArgumentException("not the start of a username: " + prefix);
        }
        return usersPage(after, limit, prefix);
    }

    private CompletableFuture<UsersPage> usersPage(String after, int limit, String prefix) {
        if (limit < 1 || limit > Limits.MAX_USERS_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + Limits.MAX_USERS_LIMIT);
        }
        return publish(requests.call(id -> new Request.Users(id, after, limit, prefix)).thenApply(r -> {
            ServerMessage.Users page = (ServerMessage.Users) r;
            // A server from before prefixes ignores the field (unknown fields are ignored) and sends everyone.
            List<String> users = prefix == null ? page.online() : page.online().stream()
                    .filter(u -> NameRules.key(u).startsWith(NameRules.key(prefix))).toList();
            return new UsersPage(users, page.hasMore());
        }));
    }

    @Override
    public void watchPresence(String owner, Collection<String> users) {
        session.watchPresence(owner, users);
    }

    @Override
    public boolean isOnline(String user) {
        return session.isOnline(user);
    }

    @Override
    public CompletableFuture<List<RoomInfo>> rooms() {
        return publish(requests.call(Request.Rooms::new).thenApply(r -> ((ServerMessage.Rooms) r).rooms()));
    }

    @Override
    public CompletableFuture<Void> join(String room) {
        String key = roomKey(room);
        return publish(requests.call(id -> new Request.Join(id, key)).thenApply(r -> {
            openConversation(key);
            return null;
        }));
    }

    @Override
    public CompletableFuture<Void> leave(String room) {
        String key = roomKey(room);
        return publish(requests.call(id -> new Request.Leave(id, key)).thenApply(r -> {
            closeConversation(key);
            return null;
        }));
    }

    @Override
    public OutboxEntry send(String conversation, String text) {
        Conversations.key(conversation); // validates; the entry keeps the address as the user wrote it
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty message");
        }
        if (text.codePointCount(0, text.length()) > Limits.MAX_TEXT_CHARS) {
            throw new IllegalArgumentException("message longer than " + Limits.MAX_TEXT_CHARS + " characters");
        }
        String account = session.account();
        if (account == null) {
            throw new NotConnectedException("log in before sending");
        }
        OutboxEntry entry = outbox.add(account, conversation, text);
        events.outbox(entry);
        session.flushIfOnline();
        return entry;
    }

    @Override
    public void retry(String outboxKey) {
        outbox.update(outboxKey, e -> e.status() == OutboxEntry.Status.FAILED ? e.pending() : e).ifPresent(events::outbox);
        session.flushIfOnline();
    }

    @Override
    public void discard(String outboxKey) {
        outbox.update(outboxKey, e -> e.status() == OutboxEntry.Status.SENT ? e : e.discarded()).ifPresent(events::outbox);
    }

    @Override
    public List<OutboxEntry> outbox() {
        String account = session.account();
        return account == null ? List.of() : outbox.entries(account);
    }

    @Override
    public CompletableFuture<List<ChatMessage>> history(String conversation, Long beforeId, int limit) {
        String key = Conversations.key(conversation);
        int pageSize = Math.max(1, Math.min(limit, Limits.MAX_HISTORY_LIMIT));
        return publish(requests.history(key, beforeId, pageSize));
    }

    @Override
    public CompletableFuture<SearchPage> search(String query, String conversation, Long beforeId, int limit) {
        String key = conversation == null ? null : Conversations.key(conversation);
        int pageSize = Math.max(1, Math.min(limit, Limits.MAX_SEARCH_LIMIT));
        return publish(requests.call(id -> new Request.Search(id, query, key, beforeId, pageSize)).thenApply(r -> {
            ServerMessage.Search page = (ServerMessage.Search) r;
            return new SearchPage(page.results().stream()
                    .map(h -> new SearchPage.Result(Conversations.key(h.with()), h.msg())).toList(), page.hasMore());
        }));
    }

    @Override
    public Map<String, UnreadCount> unreadCounts() {
        return session.unreadCounts();
    }

    @Override
    public CompletableFuture<Void> markRead(String conversation, long messageId) {
        return publish(requests.markRead(Conversations.key(conversation), messageId));
    }

    @Override
    public void openConversation(String conversation) {
        session.openConversation(Conversations.key(conversation));
    }

    @Override
    public void closeConversation(String conversation) {
        session.closeConversation(Conversations.key(conversation));
    }

    @Override
    public Registration addListener(ParleyListener listener, Executor executor) {
        return events.add(listener, executor);
    }

    @Override
    public void setReconnect(boolean enabled) {
        session.setReconnect(enabled);
    }

    @Override
    public boolean reconnect() {
        return session.reconnect();
    }

    @Override
    public void setTrustPrompt(TrustPrompt prompt) {
        trust.setPrompt(prompt);
    }

    @Override
    public void forgetServer(ServerAddress server) {
        trust.knownServers().forget(server);
    }

    @Override
    public void trustServer(ServerAddress server, String sha256) {
        trust.knownServers().remember(server, sha256);
    }

    @Override
    public Map<ServerAddress, String> knownServers() {
        Map<ServerAddress, String> out = new LinkedHashMap<>();
        knownServers.all().forEach((address, sha256) -> {
            try {
                out.put(ServerAddress.parse(address), sha256);
            } catch (IllegalArgumentException e) {
                // a line edited by hand into something that is not host:port; lookups never match it either
            }
        });
        return out;
    }

    /**
     * Imports what an earlier version kept in {@code oldStateDir} (its known servers and single-file outbox) once,
     * so moving the state out of the install folder loses nothing. Pins already here win.
     */
    public void importLegacyState(Path oldStateDir) {
        Path oldPins = oldStateDir.resolve(KnownServers.FILE_NAME);
        if (java.nio.file.Files.exists(oldPins)) {
            knownServers.mergeFrom(oldPins);
            try {
                java.nio.file.Files.move(oldPins, oldPins.resolveSibling(KnownServers.FILE_NAME + ".migrated"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException e) {
                // another process migrated it at the same moment; its pins are merged either way
            }
        }
        outbox.importLegacy(oldStateDir);
    }

    @Override
    public Path stateDirectory() {
        return stateDir;
    }

    @Override
    public void close() {
        if (loop.isShutdown()) {
            return;
        }
        try {
            session.logout().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort: the server ends the session when the connection closes anyway
        }
        transport.close();
        loop.shutdownNow();
        worker.shutdownNow();
    }

    /**
     * Completes a fresh future on the worker pool with the failure unwrapped to its {@link ParleyException}, so
     * callers see {@code ExecutionException/CompletionException -> ParleyException} and their stages run off the
     * session thread.
     */
    private <T> CompletableFuture<T> publish(CompletableFuture<T> internal) {
        CompletableFuture<T> result = new CompletableFuture<>();
        internal.whenComplete((value, failure) -> worker.execute(() -> {
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(ParleyException.unwrap(failure));
            }
        }));
        return result;
    }

    private static String roomKey(String room) {
        String key = Conversations.key(room);
        if (!Conversations.isRoom(key)) {
            throw new IllegalArgumentException("a room is named #name: " + room);
        }
        return key;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
