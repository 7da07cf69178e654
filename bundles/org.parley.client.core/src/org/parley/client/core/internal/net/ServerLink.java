package org.parley.client.core.internal.net;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.apache.mina.core.session.IoSession;
import org.parley.client.core.CertificateChangedException;
import org.parley.client.core.ClientOptions;
import org.parley.client.core.ParleyException;
import org.parley.client.core.RequestTimeoutException;
import org.parley.client.core.ServerAddress;
import org.parley.client.core.ServerUnreachableException;
import org.parley.client.core.internal.trust.TofuTrustManager;
import org.parley.client.core.internal.trust.TrustVerdict;
import org.parley.client.core.internal.trust.UnknownServerException;
import org.parley.protocol.Limits;
import org.parley.protocol.ProtocolException;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;

/**
 * One TLS connection to the server: correlates requests with replies by id and reports pushes and the end of the
 * link. Methods called by {@link LinkHandler} run on MINA I/O threads and only hand work to {@code loop}; every
 * future and every {@link LinkEvents} call completes on {@code loop}.
 */
public final class ServerLink {
    /** Set on the loop when the welcome arrives, read by whoever holds the ready link. */
    private volatile int protocol;
    private static final System.Logger LOG = System.getLogger(ServerLink.class.getName());

    /** The node this link goes to (a cluster's other nodes are the session's business). */
    private final ServerAddress.Node server;
    private final TofuTrustManager trust;
    private final LinkEvents events;
    private final ScheduledExecutorService loop;
    private final ClientOptions options;
    private final Map<String, CompletableFuture<ServerMessage.Reply>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final CompletableFuture<ServerLink> ready = new CompletableFuture<>();
    private final AtomicBoolean closedOnce = new AtomicBoolean();
    private volatile IoSession session;
    private volatile Throwable failure;

    ServerLink(ServerAddress.Node server, TofuTrustManager trust, LinkEvents events, ScheduledExecutorService loop,
            ClientOptions options) {
        this.server = server;
        this.trust = trust;
        this.events = events;
        this.loop = loop;
        this.options = options;
        loop.schedule(this::welcomeTimedOut, options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    public ServerAddress.Node node() {
        return server;
    }

    /** Completes when the server's welcome arrived (TLS up, certificate trusted). */
    CompletableFuture<ServerLink> ready() {
        return ready;
    }

    /**
     * Sends a request built from a fresh id. The future fails with {@link ParleyException} carrying the server's code
     * for an error reply, {@link ServerUnreachableException} if the link drops, {@link RequestTimeoutException} if no
     * reply comes in time - and then the link is closed, because the server answers in order and a missing reply
     * means the link is stuck.
     */
    public CompletableFuture<ServerMessage.Reply> request(Function<String, Request> build) {
        Request request = build.apply("c" + nextId.incrementAndGet());
        CompletableFuture<ServerMessage.Reply> reply = new CompletableFuture<>();
        IoSession s = session;
        if (s == null || closedOnce.get()) {
            reply.completeExceptionally(lost());
            return reply;
        }
        pending.put(request.id(), reply);
        loop.schedule(() -> {
            if (pending.remove(request.id(), reply)) {
                reply.completeExceptionally(new RequestTimeoutException("no reply from " + server + " to "
                        + request.getClass().getSimpleName().toLowerCase() + " within "
                        + options.requestTimeout().toMillis() + " ms"));
                close();
            }
        }, options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        s.write(request);
        return reply;
    }

    /** Closes the connection; pending requests fail and {@link LinkEvents#closed} follows. */
    public void close() {
        IoSession s = session;
        if (s != null) {
            s.closeNow();
        } else {
            fail(new ServerUnreachableException("connection to " + server + " closed", null));
        }
    }

    void connected(IoSession s) {
        session = s;
        // Ping when we have been quiet (the protocol suggests 25 s): the server then never needs to probe us, and a
        // missing pong reveals a dead link even when the user is idle.
        s.getConfig().setWriterIdleTime(Math.max(1, (int) options.pingInterval().toSeconds()));
    }

    void received(Object message) {
        if (message instanceof ServerMessage.Ping) {
            // The server's heartbeat: a ping request is the answer it waits for (its pong also proves it alive).
            request(Request.Ping::new).exceptionally(e -> null);
        } else if (message instanceof ServerMessage.Welcome welcome) {
            loop.execute(() -> welcomed(welcome));
        } else if (message instanceof ServerMessage.Reply reply && reply.re() != null) {
            CompletableFuture<ServerMessage.Reply> waiting = pending.remove(reply.re());
            if (waiting == null) {
                LOG.log(System.Logger.Level.DEBUG, "late or unknown reply {0}", reply);
            } else {
                loop.execute(() -> complete(waiting, reply));
            }
        } else if (message instanceof ServerMessage push) {
            loop.execute(() -> events.pushed(this, push));
        } else if (message instanceof ProtocolException problem) {
            loop.execute(() -> events.malformed(this, problem));
        }
    }

    void idle() {
        // Quiet for a while: a ping either proves the link alive or times out and closes it.
        request(Request.Ping::new).exceptionally(e -> null);
    }

    void failed(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        if (!ready.isDone()) {
            // A failed handshake does not always get as far as sessionClosed promptly; explain it now.
            fail(explainFailure());
        }
    }

    void closed() {
        fail(explainFailure());
    }

    private void welcomeTimedOut() {
        if (!ready.isDone()) {
            fail(new ServerUnreachableException("no welcome from " + server + " within "
                    + options.connectTimeout().toMillis() + " ms", failure));
        }
    }

    /** The protocol version the server announced in its welcome (0 before it arrived). */
    public int protocol() {
        return protocol;
    }

    private void welcomed(ServerMessage.Welcome welcome) {
        protocol = welcome.protocol();
        if (welcome.protocol() < Limits.OLDEST_PROTOCOL_VERSION || welcome.protocol() > Limits.PROTOCOL_VERSION) {
            fail(new ParleyException(null, server + " speaks protocol " + welcome.protocol() + ", this client "
                    + Limits.OLDEST_PROTOCOL_VERSION + "-" + Limits.PROTOCOL_VERSION, null, null));
            session.closeNow();
        } else {
            ready.complete(this);
        }
    }

    private static void complete(CompletableFuture<ServerMessage.Reply> waiting, ServerMessage.Reply reply) {
        if (reply instanceof ServerMessage.Error error) {
            waiting.completeExceptionally(new ParleyException(error.code(), error.message(), error.retryAfterMs(), null));
        } else {
            waiting.complete(reply);
        }
    }

    /** Runs once, on whichever thread noticed the end first; the rest happens on the loop. */
    private void fail(ParleyException cause) {
        if (!closedOnce.compareAndSet(false, true)) {
            return;
        }
        loop.execute(() -> {
            boolean wasReady = ready.isDone() && !ready.isCompletedExceptionally();
            ready.completeExceptionally(cause);
            pending.values().forEach(f -> f.completeExceptionally(lost()));
            pending.clear();
            if (wasReady) {
                events.closed(this, cause);
            }
        });
        IoSession s = session;
        if (s != null) {
            s.closeNow();
        }
    }

    /** Turns a handshake or socket failure into what the user needs to hear: trust problem or plain unreachable. */
    private ParleyException explainFailure() {
        TrustVerdict verdict = trust.verdict();
        if (verdict instanceof TrustVerdict.Unknown unknown) {
            return new UnknownServerException(unknown.identity());
        }
        if (verdict instanceof TrustVerdict.Changed changed) {
            return new CertificateChangedException(changed.identity(), changed.knownSha256());
        }
        Throwable cause = failure;
        return new ServerUnreachableException("connection to " + server + " lost"
                + (cause == null ? "" : ": " + cause.getMessage()), cause);
    }

    private ServerUnreachableException lost() {
        return new ServerUnreachableException("connection to " + server + " lost", failure);
    }

    void connectFailed(Throwable cause) {
        fail(new ServerUnreachableException("cannot connect to " + server + ": " + cause.getMessage(), cause));
    }
}
