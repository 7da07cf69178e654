package org.parley.server.irc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;
import org.parley.server.ServerConfig;
import org.parley.server.audit.SecurityLog;
import org.parley.server.limit.ConnectionLimits;
import org.parley.server.net.AdmittingAcceptor;
import org.parley.server.net.Deadlines;
import org.parley.server.outbound.Drainers;
import org.parley.server.outbound.Outbound;
import org.parley.server.tls.TlsContext;
import org.parley.server.tls.TlsPolicy;

/**
 * The IRC door (docs/irc.md): its own acceptor and port, the server's TLS filter and certificate, the same connection
 * limits and login deadlines as the Parley port, and sessions that are Parley sessions (presence, fan-out, stored
 * before delivered). Filter chain, bottom to top: TLS, IRC line decoder, {@link IrcHandler}.
 */
public final class IrcGateway implements AutoCloseable {
    private final AdmittingAcceptor acceptor;
    private final InetSocketAddress address;

    private IrcGateway(AdmittingAcceptor acceptor, InetSocketAddress address) {
        this.acceptor = acceptor;
        this.address = address;
    }

    /** Listens on {@code config.ircPort()}; the caller turns an IOException into the operator's one line. */
    public static IrcGateway start(ServerConfig config, TlsContext tls, ConnectionLimits limits, Services services,
            Drainers drainers, ScheduledExecutorService timer) throws IOException {
        AdmittingAcceptor acceptor = new AdmittingAcceptor(limits, config.securityLog());
        acceptor.setReuseAddress(true);
        acceptor.setBacklog(config.acceptBacklog());
        acceptor.getSessionConfig().setTcpNoDelay(true);
        var chain = acceptor.getFilterChain();
        chain.addLast("tls", TlsPolicy.filter(tls.sslContext()));
        chain.addLast("codec", new ProtocolCodecFilter(new NoEncoder(), new IrcLineDecoder()));
        Deadlines deadlines = new Deadlines(timer, config.handshakeDeadlineSeconds(), config.loginDeadlineSeconds(),
                SecurityLog.SHARED);
        acceptor.setHandler(new IrcHandler(services, drainers, deadlines, config));
        try {
            acceptor.bind(new InetSocketAddress(config.bind(), config.ircPort()));
        } catch (IOException e) {
            acceptor.dispose(true);
            throw e;
        }
        return new IrcGateway(acceptor, (InetSocketAddress) acceptor.getLocalAddress());
    }

    public InetSocketAddress address() {
        return address;
    }

    /** Stops accepting; connections stay until {@link #closeSessions}. */
    public void unbind() {
        acceptor.unbind();
    }

    /** Closes every IRC connection once what is queued for it is sent. */
    public void closeSessions() {
        for (IoSession session : acceptor.getManagedSessions().values()) {
            Outbound.closeWhenFlushed(session);
        }
    }

    @Override
    public void close() {
        acceptor.dispose(true);
    }

    /** Every write is an IoBuffer from {@link Outbound}, which the codec filter passes through untouched. */
    private static final class NoEncoder extends ProtocolEncoderAdapter {
        @Override
        public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
            throw new IllegalArgumentException("IRC lines are written as bytes through Outbound");
        }
    }
}
