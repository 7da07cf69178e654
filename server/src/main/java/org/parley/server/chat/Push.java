package org.parley.server.chat;

import org.apache.mina.core.session.IoSession;

/** Unsolicited frames to other connections, which may be closing underneath us at any moment. */
final class Push {
    private Push() {
    }

    static void to(IoSession session, Object frame) {
        // A connection that is closing (or a server shutting down) has no use for pushes; writing to it
        // while MINA disposes its processor would only raise errors on an unrelated thread.
        if (session.isConnected() && !session.isClosing()) {
            session.write(frame);
        }
    }
}
