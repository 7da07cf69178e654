package org.parley.client.core.internal.net;

import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;

/**
 * The connector's single MINA handler: finds the {@link ServerLink} attached to the session and forwards the event.
 * Runs on MINA I/O threads, so it does nothing but hand over; ServerLink moves the work to the session executor.
 */
final class LinkHandler extends IoHandlerAdapter {
    static final AttributeKey LINK = new AttributeKey(LinkHandler.class, "link");

    private static ServerLink link(IoSession session) {
        return (ServerLink) session.getAttribute(LINK);
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        link(session).received(message);
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        link(session).failed(cause);
        session.closeNow();
    }

    @Override
    public void sessionIdle(IoSession session, IdleStatus status) {
        link(session).idle();
    }

    @Override
    public void sessionClosed(IoSession session) {
        link(session).closed();
    }
}
