package org.parley.server.net;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.keepalive.KeepAliveFilter;
import org.apache.mina.filter.keepalive.KeepAliveRequestTimeoutHandler;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.parley.protocol.Limits;
import org.parley.protocol.mina.FrameCodecFactory;
import org.parley.server.ServerConfig;
import org.parley.server.audit.SecurityLog;
import org.parley.server.auth.AuthService;
import org.parley.server.chat.ChatService;
import org.parley.server.chat.Presence;
import org.parley.server.limit.FloodFilter;
import org.parley.server.outbound.Drainers;
import org.parley.server.outbound.Outbound;
import org.parley.server.tls.TlsContext;
import org.parley.server.tls.TlsPolicy;

/**
 * The filter chain, bottom to top: TLS, then framing/JSON, then flood control on decoded requests, then
 * the heartbeat, then the handler. Nothing in it blocks: slow work leaves via the handler's executors.
 */
public final class Pipeline {
    private Pipeline() {
    }

    /** {@code timer} runs the connections' handshake and login deadlines. */
    public static void install(NioSocketAcceptor acceptor, TlsContext tls, ServerConfig config, AuthService auth,
            ChatService chat, Presence presence, Executor requests, Drainers drainers, ScheduledExecutorService timer,
            String serverName) {
        var chain = acceptor.getFilterChain();
        chain.addLast("tls", TlsPolicy.filter(tls.sslContext()));
        chain.addLast("codec", new ProtocolCodecFilter(FrameCodecFactory.forServer(Limits.MAX_FRAME_BYTES_UNAUTHENTICATED)));
        chain.addLast("flood", new FloodFilter(config.floodBurst(), config.floodPerSecond(), config.clock()));
        KeepAliveFilter keepAlive = new KeepAliveFilter(new KeepAliveMessages(), IdleStatus.READER_IDLE,
                KeepAliveRequestTimeoutHandler.CLOSE, config.keepAliveIntervalSeconds(), config.keepAliveTimeoutSeconds());
        chain.addLast("keepalive", keepAlive);
        RequestDispatcher dispatcher = new RequestDispatcher(auth, chat, presence, requests);
        Deadlines deadlines = new Deadlines(timer, config.handshakeDeadlineSeconds(), config.loginDeadlineSeconds(),
                SecurityLog.SHARED);
        acceptor.setHandler(new ChatHandler(dispatcher, presence, requests, drainers, serverName, deadlines,
                SecurityLog.SHARED));
    }
}
