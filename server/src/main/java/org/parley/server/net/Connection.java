package org.parley.server.net;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * Per-connection state kept as a session attribute: who is logged in, the resume token issued to this
 * connection, and the chain that processes its requests one at a time, in arrival order, off the I/O thread.
 */
final class Connection {
    private static final AttributeKey KEY = new AttributeKey(Connection.class, "connection");
    /** Requests a connection may have waiting; beyond this the client is not reading its replies. */
    static final int MAX_PENDING = 256;

    final IoSession session;
    private volatile boolean secured;
    private volatile String user;
    private volatile String tokenHash;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private int pending;

    private Connection(IoSession session) {
        this.session = session;
    }

    static Connection attach(IoSession session) {
        Connection connection = new Connection(session);
        session.setAttribute(KEY, connection);
        return connection;
    }

    static Connection of(IoSession session) {
        return (Connection) session.getAttribute(KEY);
    }

    boolean secured() {
        return secured;
    }

    void secured(boolean value) {
        secured = value;
    }

    String user() {
        return user;
    }

    String tokenHash() {
        return tokenHash;
    }

    void loggedIn(String user, String tokenHash) {
        this.user = user;
        this.tokenHash = tokenHash;
    }

    void loggedOut() {
        this.user = null;
        this.tokenHash = null;
    }

    /**
     * Runs {@code step} after every previously queued step has finished. Returns false (and queues nothing)
     * when too many are already waiting.
     */
    synchronized boolean enqueue(Supplier<CompletableFuture<Void>> step, Executor executor) {
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

    private synchronized void done() {
        pending--;
    }
}
