package org.parley.server.net;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import org.apache.mina.core.session.IoSession;

/** The client's IP address as a throttling key (the port would let one host pose as many). */
public final class Addresses {
    private Addresses() {
    }

    public static String host(IoSession session) {
        return host(session.getRemoteAddress());
    }

    static String host(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(remote);
    }
}
