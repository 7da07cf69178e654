package org.parley.server.irc;

import static org.parley.server.util.Causes.find;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;
import org.parley.server.ServerConfig;
import org.parley.server.audit.SecurityLog;
import org.parley.server.limit.TokenBucket;
import org.parley.server.net.Connection;
import org.parley.server.net.Deadlines;
import org.parley.server.outbound.Drainers;
import org.parley.server.outbound.Outbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IRC connection lifecycle, on MINA's I/O threads: each line is queued on the connection's Parley request chain
 * ({@link Connection}: one at a time, in order, at most 256 waiting), where it first takes a token from the
 * connection's flood bucket. Without one it waits for it: flood control is fake lag, the IRC way (the client's
 * commands slow down, its PINGs' answers too), not refusals a client would show as errors.
 */
final class IrcHandler extends IoHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(IrcHandler.class);

    private final Services services;
    private final Commands commands;
    private final Drainers drainers;
    private final Deadlines deadlines;
    private final ServerConfig config;

    IrcHandler(Services services, Drainers drainers, Deadlines deadlines, ServerConfig config) {
        this.services = services;
        this.commands = new Commands(services);
        this.drainers = drainers;
        this.deadlines = deadlines;
        this.config = config;
    }

    @Override
    public void sessionCreated(IoSession session) {
        IrcRenderer renderer = new IrcRenderer(services.directory());
        Outbound.attach(session, drainers, renderer);
        Connection connection = Connection.attach(session, deadlines);
        renderer.client(IrcClient.attach(session, connection,
                new TokenBucket(config.floodBurst(), config.floodPerSecond(), config.clock())));
        session.getConfig().setIdleTime(IdleStatus.READER_IDLE, config.keepAliveIntervalSeconds());
    }

    @Override
    public void event(IoSession session, FilterEvent event) {
        if (event == SslEvent.SECURED) {
            Connection.of(session).secured(true);
        }
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        IrcClient c = IrcClient.of(session);
        c.pingSentNanos = 0;
        Supplier<CompletableFuture<Void>> step;
        if (message instanceof IrcInput.Refused refused) {
            step = () -> refuse(c, refused.reason());
        } else if (message instanceof IrcInput.Line line) {
            IrcLine parsed = IrcLine.parse(line.text());
            if (parsed == null) {
                if (line.text().isBlank()) {
                    return;
                }
                step = () -> Out.notice(c, "malformed line ignored: no command");
            } else if (parsed.command().equals("PONG")) {
                return;
            } else {
                step = () -> throttled(c, () -> run(c, parsed));
            }
        } else {
            return;
        }
        if (!c.connection.enqueue(step, services.requests())) {
            Out.notice(c, "too many commands waiting; this one was dropped");
        }
    }

    private CompletableFuture<Void> run(IrcClient c, IrcLine line) {
        try {
            return commands.handle(c, line);
        } catch (RuntimeException e) {
            LOG.warn("IRC command {} failed on {}", line.command(), c.session.getRemoteAddress(), e);
            return Out.notice(c, line.command() + " failed: internal error");
        }
    }

    private static CompletableFuture<Void> refuse(IrcClient c, IrcInput.Reason reason) {
        if (reason == IrcInput.Reason.TOO_LONG) {
            return Out.numeric(c, "417", "Input line was too long (" + IrcLineDecoder.MAX_BODY_BYTES
                    + " bytes with CR LF, tags " + IrcLineDecoder.MAX_TAG_BYTES + "); it was ignored");
        }
        return Out.notice(c, reason.text + "; it was ignored");
    }

    /** Fake lag: waits (without holding a thread) until the bucket has a token, then runs the command. */
    private CompletableFuture<Void> throttled(IrcClient c, Supplier<CompletableFuture<Void>> command) {
        long wait = c.flood.tryTake();
        if (wait == 0) {
            return command.get();
        }
        return CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS, services.requests()))
                .thenCompose(v -> throttled(c, command));
    }

    /** Quiet for the keep-alive interval: PING; still quiet the timeout later: the peer is gone. */
    @Override
    public void sessionIdle(IoSession session, IdleStatus status) {
        IrcClient c = IrcClient.of(session);
        if (c == null || !c.registered) {
            return;
        }
        long sent = c.pingSentNanos;
        if (sent == 0) {
            c.pingSentNanos = System.nanoTime();
            Out.send(c, Wire.line(null, null, "PING", Wire.SERVER));
        } else if (System.nanoTime() - sent >= TimeUnit.SECONDS.toNanos(config.keepAliveTimeoutSeconds())) {
            Out.closeWith(c, "Ping timeout: " + config.keepAliveTimeoutSeconds() + " seconds");
        }
    }

    @Override
    public void sessionClosed(IoSession session) {
        Outbound.discard(session);
        IrcClient c = IrcClient.of(session);
        if (c == null) {
            return;
        }
        c.connection.closed();
        if (c.login != null) {
            if (c.registered) {
                services.presence().offline(c.login.user(), session);
            }
            // IRC has no use for the resume token every login issues.
            try {
                services.auth().logout(c.login.tokenHash());
            } catch (RuntimeException stopping) {
                LOG.debug("resume token of an IRC login not revoked: {}", stopping.toString());
            }
        }
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        if (find(cause, SSLException.class) != null) {
            SecurityLog.SHARED.event("tls-failed", session.getRemoteAddress(), "TLS failed, IRC connection closed: "
                    + find(cause, SSLException.class).getMessage());
            session.closeOnFlush(); // after the alert that says why (as the chat port does)
            return;
        } else if (find(cause, IOException.class) != null) {
            LOG.debug("closing IRC {}: {}", session.getRemoteAddress(), cause.toString());
        } else {
            LOG.warn("unexpected failure on IRC {}", session.getRemoteAddress(), cause);
        }
        session.closeNow();
    }
}
