package org.parley.bench.parley;

import java.util.Map;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.mina.core.session.IoSession;
import org.parley.bench.load.ChatBot;
import org.parley.bench.load.Deliveries;
import org.parley.bench.net.LineConnector;
import org.parley.bench.net.LineListener;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.JsonCodec;
import org.parley.protocol.ProtocolException;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;

/**
 * One Parley connection of the generator. Requests are encoded with the protocol's {@link JsonCodec}; replies
 * are decoded with it too. Message pushes, the hot path, are only searched for the benchmark stamp (and the
 * message id, for catching up), exactly as the IRC bot only searches its PRIVMSG lines. Answers the server's
 * heartbeat, so it can idle for as long as a scenario needs.
 */
public final class ParleyBot implements LineListener, ChatBot {
    public static final String PASSWORD = "bench password";
    private static final JsonCodec JSON = new JsonCodec();
    private static final String PUSH = "{\"type\":\"message\"";
    private static final String PRESENCE = "{\"type\":\"presence\"";
    private static final String HEARTBEAT = "{\"type\":\"ping\"";
    private static final String MSG_ID = "\"msg\":{\"id\":";

    private final String room;
    private final Deliveries sink;
    private final Map<String, CompletableFuture<ServerMessage>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    /** How long a bot waits for a reply before it closes its connection as stalled. */
    public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(15);
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong slowedDown = new AtomicLong();
    private final CompletableFuture<IoSession> welcomed = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile IoSession session;
    private volatile String user;
    private volatile String token;
    private volatile long lastSeenId;
    private volatile Consumer<String> pushes = line -> { };

    private ParleyBot(String room, Deliveries sink) {
        this.room = room;
        this.sink = sink;
    }

    /** Connects and waits for the server's welcome. */
    public static CompletableFuture<ParleyBot> connect(LineConnector connector, String room, Deliveries sink) {
        ParleyBot bot = open(connector, room, sink);
        return bot.welcomed.thenApply(s -> bot);
    }

    /**
     * Connects and waits for the welcome at most {@code timeout} (TCP, TLS and welcome together, as the client
     * core's connect timeout), closing the connection when it runs out.
     */
    public static CompletableFuture<ParleyBot> connect(LineConnector connector, String room, Deliveries sink, Duration timeout) {
        ParleyBot bot = open(connector, room, sink);
        return bot.welcomed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((s, e) -> {
            if (e != null) {
                bot.close();
                throw new IllegalStateException("no welcome within " + timeout, e);
            }
            return bot;
        });
    }

    /** Starts connecting; {@code welcomed} completes with the welcome, or fails with the connection. */
    private static ParleyBot open(LineConnector connector, String room, Deliveries sink) {
        ParleyBot bot = new ParleyBot(room, sink);
        connector.connect(bot).whenComplete((s, e) -> {
            if (e != null) {
                bot.welcomed.completeExceptionally(e);
            } else {
                bot.session = s;
                if (bot.welcomed.isCompletedExceptionally()) {
                    // Given up on (timed out) before TCP was even up.
                    s.closeNow();
                }
            }
        });
        return bot;
    }

    /** A {@code login} or {@code resume} the server answered with an error. */
    public static final class Refused extends IllegalStateException {
        private final ServerMessage.Error error;

        Refused(String name, ServerMessage.Error error) {
            super("login of " + name + ": " + error);
            this.error = error;
        }

        public ErrorCode code() {
            return error.code();
        }
    }

    /** Registers {@code name} unless it exists, then logs in (retrying when the server asks to slow down). */
    public CompletableFuture<ParleyBot> registerAndLogin(String name) {
        return register(name).thenCompose(bot -> login(name));
    }

    /** Registers {@code name}; an existing account is fine (a previous run, or another bot of the same name). */
    public CompletableFuture<ParleyBot> register(String name) {
        return request(id -> new Request.Register(id, name, PASSWORD)).thenApply(r -> {
            if (r instanceof ServerMessage.Error e && e.code() != ErrorCode.USERNAME_TAKEN) {
                throw new IllegalStateException("register " + name + ": " + e);
            }
            return this;
        });
    }

    public CompletableFuture<ParleyBot> login(String name) {
        return request(id -> new Request.Login(id, name, PASSWORD)).thenApply(r -> loggedIn(name, r));
    }

    /** Logs in again with the resume token of the previous login (this bot must be freshly connected). */
    public CompletableFuture<ParleyBot> resume(String name, String resumeToken) {
        return request(id -> new Request.Resume(id, resumeToken)).thenApply(r -> loggedIn(name, r));
    }

    private ParleyBot loggedIn(String name, ServerMessage reply) {
        if (reply instanceof ServerMessage.Error e) {
            throw new Refused(name, e);
        }
        if (!(reply instanceof ServerMessage.Ok ok) || ok.resume() == null) {
            throw new IllegalStateException("login of " + name + ": " + reply);
        }
        user = name;
        token = ok.resume();
        return this;
    }

    public CompletableFuture<ParleyBot> join() {
        return request(id -> new Request.Join(id, room)).thenApply(r -> {
            if (!(r instanceof ServerMessage.Ok)) {
                throw new IllegalStateException("join " + room + ": " + r);
            }
            return this;
        });
    }

    /** Asks for the room's messages after the last one this bot saw (at most one page). */
    public CompletableFuture<ServerMessage.History> catchUp(int limit) {
        long after = lastSeenId;
        return request(id -> new Request.History(id, room, null, after, limit)).thenApply(r -> {
            if (!(r instanceof ServerMessage.History page)) {
                throw new IllegalStateException("history: " + r);
            }
            page.messages().forEach(m -> lastSeenId = Math.max(lastSeenId, m.id()));
            return page;
        });
    }

    /**
     * Sends a request and completes with its reply. A RATE_LIMITED reply (the login hashing pool is full) is
     * retried after the delay the server names: that is what a well-behaved client does.
     */
    public CompletableFuture<ServerMessage> request(Function<String, Request> make) {
        String id = "r" + ids.incrementAndGet();
        CompletableFuture<ServerMessage> reply = new CompletableFuture<>();
        pending.put(id, reply);
        IoSession s = session;
        if (s == null || !s.isConnected()) {
            pending.remove(id);
            return CompletableFuture.failedFuture(new IllegalStateException("not connected"));
        }
        s.write(JSON.encode(make.apply(id)));
        // A client that hears nothing for this long gives up on the connection, as a real one would; without it
        // a bot whose connection stalls would wait forever (seen in the login storm).
        reply.orTimeout(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> {
            if (e instanceof TimeoutException) {
                pending.remove(id);
                s.closeNow();
            }
            return null;
        });
        return reply.thenCompose(r -> {
            if (r instanceof ServerMessage.Error e && e.code() == ErrorCode.RATE_LIMITED) {
                slowedDown.incrementAndGet();
                long wait = e.retryAfterMs() == null ? 100 : e.retryAfterMs();
                return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS))
                        .thenCompose(x -> request(make));
            }
            return CompletableFuture.completedFuture(r);
        });
    }

    @Override
    public void say(String text) {
        IoSession s = session;
        if (s != null) {
            s.write(JSON.encode(new Request.Send("s" + ids.incrementAndGet(), room, text, null)));
        }
    }

    @Override
    public void line(IoSession s, String line) {
        if (line.startsWith(PUSH)) {
            int at = line.indexOf(MSG_ID);
            if (at > 0) {
                long id = 0;
                for (int i = at + MSG_ID.length(); i < line.length() && Character.isDigit(line.charAt(i)); i++) {
                    id = id * 10 + (line.charAt(i) - '0');
                }
                lastSeenId = Math.max(lastSeenId, id);
            }
            if (sink != null) {
                sink.accept(line);
            }
            pushes.accept(line);
            return;
        }
        if (line.startsWith(PRESENCE)) {
            return;
        }
        if (line.startsWith(HEARTBEAT)) {
            s.write(JSON.encode(new Request.Ping("hb" + ids.incrementAndGet())));
            return;
        }
        ServerMessage m;
        try {
            m = JSON.decodeServerMessage(line);
        } catch (ProtocolException e) {
            failed.incrementAndGet();
            return;
        }
        if (m instanceof ServerMessage.Welcome) {
            welcomed.complete(s);
        } else if (m instanceof ServerMessage.Reply r && r.re() != null) {
            CompletableFuture<ServerMessage> waiting = pending.remove(r.re());
            if (waiting != null) {
                waiting.complete(m);
            } else if (r.re().startsWith("s")) {
                (m instanceof ServerMessage.Ok ? acked : failed).incrementAndGet();
            }
        }
    }

    @Override
    public void closed(IoSession s) {
        IllegalStateException gone = new IllegalStateException("connection closed");
        welcomed.completeExceptionally(gone);
        pending.values().forEach(f -> f.completeExceptionally(gone));
        pending.clear();
        closed.complete(null);
    }

    /** Completes when the connection has closed (for whatever reason). */
    public CompletableFuture<Void> closedFuture() {
        return closed;
    }

    /** Also hands every message push line to {@code listener} (after the stamp bookkeeping). */
    public void onPush(Consumer<String> listener) {
        pushes = listener;
    }

    public String user() {
        return user;
    }

    public String token() {
        return token;
    }

    /** Sends acknowledged by the server with {@code ok}. */
    public long acked() {
        return acked.get();
    }

    /** RATE_LIMITED replies this bot got (and retried after the delay the server asked for). */
    public long slowedDown() {
        return slowedDown.get();
    }

    /** Sends refused, and frames that could not be decoded. */
    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        IoSession s = session;
        if (s != null) {
            s.closeNow();
        }
    }
}
