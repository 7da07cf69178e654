package org.parley.server.net;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.parley.server.limit.ConnectionLimits;

/**
 * Per-connection state kept as a session attribute: who is logged in, the resume token issued to this
 * connection, its share of the connection limits and its login deadline, and the chain that processes its
 * requests one at a time, in arrival order, off the I/O thread.
 */
public final class Connection {
    private static final AttributeKey KEY = new AttributeKey(Connection.class, "connection");
    /** Requests a connection may have waiting; beyond this the client is not reading its replies. */
    static final int MAX_PENDING = 256;
    /** Sends a connection may have waiting for their commit before its next request waits too. */
    static final int MAX_SENDS_IN_FLIGHT = 64;

    final IoSession session;
    /** Null only for a session not accepted through {@link AdmittingAcceptor}. */
    private final ConnectionLimits.Ticket ticket;
    private final Deadlines deadlines;
    private volatile long deadlineStart;
    private Future<?> deadlineCheck;
    private volatile boolean secured;
    private volatile String user;
    private volatile String tokenHash;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private int pending;
    /** Completes once every send so far has had its reply written; only touched by this chain's steps. */
    private volatile CompletableFuture<Void> sendsReplied = CompletableFuture.completedFuture(null);
    private final AtomicInteger sendsInFlight = new AtomicInteger();

    private Connection(IoSession session, ConnectionLimits.Ticket ticket, Deadlines deadlines) {
        this.session = session;
        this.ticket = ticket;
        this.deadlines = deadlines;
    }

    /** A new connection: not logged in, its deadline clock started. */
    public static Connection attach(IoSession session, Deadlines deadlines) {
        Connection connection = new Connection(session, AdmittingAcceptor.ticket(session), deadlines);
        session.setAttribute(KEY, connection);
        deadlines.start(connection);
        return connection;
    }

    public static Connection of(IoSession session) {
        return (Connection) session.getAttribute(KEY);
    }

    boolean secured() {
        return secured;
    }

    public void secured(boolean value) {
        secured = value;
    }

    public String user() {
        return user;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public void loggedIn(String user, String tokenHash) {
        this.user = user;
        this.tokenHash = tokenHash;
        if (ticket != null) {
            ticket.loggedIn(true);
        }
        deadlines.stop(this);
    }

    void loggedOut() {
        this.user = null;
        this.tokenHash = null;
        if (ticket != null) {
            ticket.loggedIn(false);
        }
        deadlines.start(this);
    }

    /** The session closed: its place in the limits is free again. */
    public void closed() {
        deadlines.stop(this);
        if (ticket != null) {
            ticket.release();
        }
    }

    long deadlineStart() {
        return deadlineStart;
    }

    void deadlineStart(long nanoTime) {
        deadlineStart = nanoTime;
    }

    /** Replaces (and cancels) the pending deadline check, so a closed connection leaves nothing in the timer. */
    synchronized void deadlineCheck(Future<?> next) {
        if (deadlineCheck != null && deadlineCheck != next) {
            deadlineCheck.cancel(false);
        }
        deadlineCheck = next;
    }

    public CompletableFuture<Void> sendsReplied() {
        return sendsReplied;
    }

    /**
     * Records a send whose reply is written when {@code replied} completes. Returns what the connection's next
     * request must wait for: nothing, unless too many sends are already waiting for their commits.
     */
    public CompletableFuture<Void> sendInFlight(CompletableFuture<Void> replied) {
        sendsReplied = replied;
        int inFlight = sendsInFlight.incrementAndGet();
        replied.whenComplete((v, e) -> sendsInFlight.decrementAndGet());
        return inFlight > MAX_SENDS_IN_FLIGHT ? replied : CompletableFuture.completedFuture(null);
    }

    /**
     * Runs {@code step} after every previously queued step has finished. Returns false (and queues nothing)
     * when too many are already waiting.
     */
    public synchronized boolean enqueue(Supplier<CompletableFuture<Void>> step, Executor executor) {
        if (pending >= MAX_PENDING) {
            return false;
        }
        pending++;
        tail = tail.thenComposeAsync(v -> step.get(), executor).handle((v, e) -> {
            done();
            return null;
        });
        return true;
    }

    /** True while a request of this connection is queued or being carried out (a login waiting for its hash). */
    synchronized boolean busy() {
        return pending > 0;
    }

    private synchronized void done() {
        pending--;
    }
}
