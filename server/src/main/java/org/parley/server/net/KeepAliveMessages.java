package org.parley.server.net;

import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.keepalive.KeepAliveMessageFactory;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;

/**
 * Teaches MINA's KeepAliveFilter protocol v1's heartbeat: after a quiet interval the server pushes
 * {@code {"type":"ping"}}, and a client {@code ping} request both proves the peer alive and is answered
 * with {@code pong} right in the filter.
 */
final class KeepAliveMessages implements KeepAliveMessageFactory {

    @Override
    public boolean isRequest(IoSession session, Object message) {
        return message instanceof Request.Ping;
    }

    @Override
    public boolean isResponse(IoSession session, Object message) {
        return message instanceof Request.Ping;
    }

    @Override
    public Object getRequest(IoSession session) {
        return new ServerMessage.Ping();
    }

    @Override
    public Object getResponse(IoSession session, Object request) {
        return new ServerMessage.Pong(((Request.Ping) request).id());
    }
}
