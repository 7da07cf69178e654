package org.parley.server.net;

import static org.parley.server.util.Causes.find;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLException;

import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Limits;
import org.parley.protocol.ProtocolException;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.protocol.mina.FrameTooLargeException;
import org.parley.server.RequestRefusedException;
import org.parley.server.audit.SecurityLog;
import org.parley.server.chat.Presence;
import org.parley.server.outbound.Drainers;
import org.parley.server.outbound.Outbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection lifecycle. Runs on MINA I/O threads, so it does nothing slow itself: each request is queued on
 * its connection's chain and carried out by {@link RequestDispatcher} on the request executor.
 */
public final class ChatHandler extends IoHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ChatHandler.class);

    private final RequestDispatcher dispatcher;
    private final Presence presence;
    private final Executor requests;
    private final Drainers drainers;
    private final String serverName;
    private final Deadlines deadlines;
    private final SecurityLog securityLog;

    ChatHandler(RequestDispatcher dispatcher, Presence presence, Executor requests, Drainers drainers,
            String serverName, Deadlines deadlines, SecurityLog securityLog) {
        this.dispatcher = dispatcher;
        this.presence = presence;
        this.requests = requests;
        this.drainers = drainers;
        this.serverName = serverName;
        this.deadlines = deadlines;
        this.securityLog = securityLog;
    }

    @Override
    public void sessionCreated(IoSession session) {
        Outbound.attach(session, drainers);
        Connection.attach(session, deadlines);
    }

    @Override
    public void event(IoSession session, FilterEvent event) {
        // Greeting only once TLS is up: before that, nothing the client reads can be trusted anyway.
        if (event == SslEvent.SECURED) {
            Connection.of(session).secured(true);
            Outbound.write(session, new ServerMessage.Welcome(Limits.PROTOCOL_VERSION, serverName));
        }
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        Connection c = Connection.of(session);
        boolean queued;
        if (message instanceof ProtocolException bad) {
            // Queued like a request so the error arrives in order with the replies before it.
            queued = c.enqueue(() -> {
                Outbound.write(session, ServerMessage.Error.of(bad.requestId(), bad.code(), bad.getMessage()));
                return CompletableFuture.completedFuture(null);
            }, requests);
        } else if (message instanceof Request request) {
            queued = c.enqueue(() -> dispatcher.dispatch(c, request), requests);
        } else {
            LOG.warn("unexpected message {} on {}", message.getClass(), session);
            return;
        }
        if (!queued) {
            String re = message instanceof Request request ? request.id() : null;
            Outbound.write(session, Replies.error(re, RequestRefusedException.rateLimited("too many requests in flight", 1000)));
        }
    }

    @Override
    public void sessionClosed(IoSession session) {
        Outbound.discard(session);
        Connection c = Connection.of(session);
        if (c == null) {
            return;
        }
        c.closed();
        String user = c.user();
        if (user != null) {
            presence.offline(user, session);
        }
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        FrameTooLargeException tooLarge = find(cause, FrameTooLargeException.class);
        if (tooLarge != null) {
            refuseTooLarge(session, tooLarge);
        } else if (find(cause, SSLException.class) != null) {
            securityLog.event("tls-failed", session.getRemoteAddress(), "TLS failed, connection closed: "
                    + find(cause, SSLException.class).getMessage());
            // After the alert the engine queued: the client learns why (handshake_failure, protocol_version), not
            // just that the connection dropped.
            session.closeOnFlush();
        } else if (find(cause, IOException.class) != null) {
            LOG.debug("closing {}: {}", session.getRemoteAddress(), cause.toString());
            session.closeNow();
        } else {
            LOG.warn("unexpected failure on {}", session.getRemoteAddress(), cause);
            session.closeNow();
        }
    }

    /**
     * The stream cannot be resynchronised after a truncated frame: read nothing more, answer every request
     * queued before it (sends included, once committed), then say why and hang up. Queued like a request so
     * the error cannot overtake those replies; with the queue full, at once.
     */
    private void refuseTooLarge(IoSession session, FrameTooLargeException tooLarge) {
        session.suspendRead();
        ServerMessage.Error error = ServerMessage.Error.of(null, ErrorCode.TOO_LARGE, tooLarge.getMessage());
        Connection c = Connection.of(session);
        boolean queued = c != null && c.enqueue(
                () -> c.sendsReplied().whenComplete((v, e) -> Outbound.writeAndClose(session, error)), requests);
        if (!queued) {
            Outbound.writeAndClose(session, error);
        }
    }
}
