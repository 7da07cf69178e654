package org.parley.server.net;

import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;

import org.apache.mina.core.future.IoFuture;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.parley.server.audit.SecurityLog;
import org.parley.server.limit.ConnectionLimits;
import org.parley.server.limit.Descriptors;

/**
 * MINA's acceptor, deciding at accept whether to keep each connection ({@link ConnectionLimits}). A refused one is
 * closed there and then: no session, no TLS engine, no log line of its own (the security log counts them), so a
 * flood of them costs an accept and a close each.
 *
 * <p>Also the one report of descriptor exhaustion: MINA's acceptor logs "Too many open files" at ERROR and retries
 * every 50 ms (17 ERROR lines a second in issue 15); the server's log configuration silences that logger, and this
 * reports it as one rate-limited security line instead.
 */
public final class AdmittingAcceptor extends NioSocketAcceptor {
    private static final AttributeKey TICKET = new AttributeKey(AdmittingAcceptor.class, "ticket");

    private final ConnectionLimits limits;
    private final SecurityLog securityLog;
    /**
     * The ticket of the connection just accepted, for {@link #finishSessionInitialization0}: MINA calls it on the
     * acceptor thread right after {@link #accept}, before anyone else sees the session.
     */
    private ConnectionLimits.Ticket justAdmitted;

    public AdmittingAcceptor(ConnectionLimits limits, SecurityLog securityLog) {
        this.limits = limits;
        this.securityLog = securityLog;
        // Now, while descriptors are to be had: see Descriptors' initialiser.
        Descriptors.limit();
    }

    public ConnectionLimits limits() {
        return limits;
    }

    @Override
    protected NioSession accept(IoProcessor<NioSession> processor, ServerSocketChannel handle) throws Exception {
        NioSession session = super.accept(processor, handle);
        if (session == null) {
            reportIfOutOfDescriptors();
            return null;
        }
        SocketAddress remote = session.getRemoteAddress();
        ConnectionLimits.Ticket ticket = limits.admit(Addresses.host(remote));
        if (!ticket.admitted()) {
            session.getChannel().close();
            securityLog.event(ticket.refusal().kind, remote, refusalDetail(ticket.refusal()));
            return null;
        }
        justAdmitted = ticket;
        return session;
    }

    @Override
    protected void finishSessionInitialization0(IoSession session, IoFuture future) {
        super.finishSessionInitialization0(session, future);
        session.setAttribute(TICKET, justAdmitted);
        justAdmitted = null;
    }

    /** The connection's share of the limits; null only for a session this acceptor did not admit. */
    static ConnectionLimits.Ticket ticket(IoSession session) {
        return (ConnectionLimits.Ticket) session.getAttribute(TICKET);
    }

    private String refusalDetail(ConnectionLimits.Refusal refusal) {
        return switch (refusal) {
            case PER_ADDRESS -> "connection closed at accept: this address has " + limits.perAddress()
                    + " open connections, the most one address may have";
            case UNAUTHENTICATED -> "connection closed at accept: " + limits.unauthenticated()
                    + " connections are not logged in yet, the most the server holds";
            case DESCRIPTORS -> "connection closed at accept: " + limits.total()
                    + " connections open, the most the descriptor limit leaves room for";
        };
    }

    /**
     * MINA's accept returns nothing both when there was nothing to accept and, after its 50 ms back-off, when the
     * process is out of descriptors; only the second leaves the count at the limit. Counting open descriptors lists
     * /proc/self/fd, which is why it is done only here, where the acceptor found nothing.
     */
    private void reportIfOutOfDescriptors() {
        if (Descriptors.exhausted()) {
            securityLog.event("descriptors-exhausted", "this server", "accept failed: all " + Descriptors.limit()
                    + " file descriptors are open; new connections wait in the kernel's backlog");
        }
    }
}
