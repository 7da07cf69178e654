package org.parley.server.net;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.parley.protocol.ErrorCode;
import org.parley.protocol.ServerMessage;
import org.parley.server.audit.SecurityLog;
import org.parley.server.outbound.Outbound;

/**
 * Absolute deadlines for connections that are not logged in: the TLS handshake must be complete
 * {@code handshakeSeconds} after accept and a login done {@code loginSeconds} after accept (or after a logout).
 * Unlike an idle timer, nothing the client sends moves them, so a peer trickling a byte every few seconds is
 * closed on time (issue 15: 20,000 such connections from one address held every descriptor).
 *
 * <p>One check per connection waits on a shared single-threaded scheduler (a heap: 20,000 connections cost
 * 20,000 entries, no threads); it is cancelled at login and close, and re-armed only when it fires early.
 */
public final class Deadlines {
    /** A login or registration still being carried out at the deadline gets this long again: it ends soon. */
    private static final long BUSY_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ScheduledExecutorService timer;
    private final long handshakeNanos;
    private final long loginNanos;
    private final int loginSeconds;
    private final SecurityLog securityLog;

    public Deadlines(ScheduledExecutorService timer, int handshakeSeconds, int loginSeconds, SecurityLog securityLog) {
        this.timer = timer;
        this.handshakeNanos = TimeUnit.SECONDS.toNanos(handshakeSeconds);
        this.loginNanos = TimeUnit.SECONDS.toNanos(loginSeconds);
        this.loginSeconds = loginSeconds;
        this.securityLog = securityLog;
    }

    /** The connection was accepted, or logged out: the clock starts now. */
    void start(Connection c) {
        c.deadlineStart(System.nanoTime());
        arm(c, c.secured() ? loginNanos : Math.min(handshakeNanos, loginNanos));
    }

    /** Logged in or closed: nothing left to check. */
    void stop(Connection c) {
        c.deadlineCheck(null);
    }

    private void arm(Connection c, long delayNanos) {
        try {
            c.deadlineCheck(timer.schedule(() -> check(c), delayNanos, TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException stopping) {
            // The server is shutting down and about to close every connection anyway.
            c.session.closeNow();
        }
    }

    private void check(Connection c) {
        if (c.user() != null || c.session.isClosing()) {
            return;
        }
        long elapsed = System.nanoTime() - c.deadlineStart();
        if (!c.secured()) {
            if (elapsed < handshakeNanos && elapsed < loginNanos) {
                arm(c, Math.min(handshakeNanos, loginNanos) - elapsed);
                return;
            }
            securityLog.event("handshake-timeout", c.session.getRemoteAddress(), "TLS handshake not complete "
                    + TimeUnit.NANOSECONDS.toSeconds(Math.min(handshakeNanos, loginNanos)) + " s after accept; closed");
            // Nothing can be written before the handshake is done (TLS would hold it back): just hang up.
            c.session.closeNow();
        } else if (elapsed < loginNanos) {
            arm(c, loginNanos - elapsed);
        } else if (c.busy()) {
            // A login queued behind other logins' password hashes: closing it would waste the wait. The hash queue
            // is bounded (a full one answers RATE_LIMITED), so this cannot go on for long.
            arm(c, BUSY_RECHECK_NANOS);
        } else {
            securityLog.event("login-timeout", c.session.getRemoteAddress(),
                    "not logged in " + loginSeconds + " s after connecting; closed");
            Outbound.writeAndClose(c.session, ServerMessage.Error.of(null, ErrorCode.NOT_AUTHENTICATED,
                    "closing: not logged in within " + loginSeconds + " s of connecting"));
        }
    }
}
