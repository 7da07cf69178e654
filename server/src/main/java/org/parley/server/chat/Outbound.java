package org.parley.server.chat;

import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every frame written from outside a connection's own I/O thread (replies from worker threads, fan-out and
 * acks from the database writer, presence) goes through here, because the connection may be closing at that
 * very moment: a frame for a closing connection is dropped. MINA normally reports a failed write through the
 * target session's exceptionCaught, but nothing in a fan-out loop may be allowed to throw and cut the loop
 * short for the remaining recipients, hence the catch.
 */
public final class Outbound {
    private static final Logger LOG = LoggerFactory.getLogger(Outbound.class);

    private Outbound() {
    }

    public static void write(IoSession session, Object frame) {
        if (!session.isConnected() || session.isClosing()) {
            return;
        }
        try {
            session.write(frame);
        } catch (RuntimeException closedUnderneath) {
            LOG.debug("dropped a frame for closing session {}: {}", session.getId(), closedUnderneath.toString());
        }
    }
}
