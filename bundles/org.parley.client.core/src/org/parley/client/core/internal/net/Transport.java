package org.parley.client.core.internal.net;

import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.ssl.SslFilter;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.parley.client.core.ClientOptions;
import org.parley.client.core.ServerAddress;
import org.parley.client.core.internal.trust.KnownServers;
import org.parley.client.core.internal.trust.TofuTrustManager;
import org.parley.protocol.mina.FrameCodecFactory;

/**
 * Opens {@link ServerLink}s: MINA NioSocketConnector, then per connection an SslFilter whose trust manager knows
 * the server's address, then the protocol's frame codec. One connector (one I/O thread) serves the client's
 * connections for its whole life.
 */
public final class Transport implements AutoCloseable {

    /** Server-to-client frames can be big (a history page of 200 long messages); still bounded. */
    private static final int MAX_INBOUND_FRAME_BYTES = 16 * 1024 * 1024;

    private final NioSocketConnector connector = new NioSocketConnector(1);
    private final KnownServers knownServers;
    private final X509ExtendedTrustManager ca;
    private final ScheduledExecutorService loop;
    private final ClientOptions options;

    public Transport(KnownServers knownServers, ScheduledExecutorService loop, ClientOptions options) {
        this.knownServers = knownServers;
        this.ca = TofuTrustManager.caTrustManager(options.caTrustStore());
        this.loop = loop;
        this.options = options;
        connector.setHandler(new LinkHandler());
        connector.setConnectTimeoutMillis(options.connectTimeout().toMillis());
    }

    /**
     * Connects, handshakes and waits for the welcome. Fails with ServerUnreachableException,
     * {@link org.parley.client.core.internal.trust.UnknownServerException} (ask the user, then connect again) or
     * CertificateChangedException. The future completes on the session executor.
     *
     * @param server the server as addressed: its pin in known-servers is the one every node must match
     * @param node   the node of {@code server} to connect to
     */
    public CompletableFuture<ServerLink> connect(ServerAddress server, ServerAddress.Node node, LinkEvents events) {
        TofuTrustManager trust = new TofuTrustManager(server, knownServers, ca);
        ServerLink link = new ServerLink(node, trust, events, loop, options);
        SslFilter ssl = new SslFilter(sslContext(trust));
        // Host name check for CA-signed certificates; TofuTrustManager skips it only for pinned certificates.
        ssl.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setEnabledProtocols("TLSv1.3", "TLSv1.2");
        ConnectFuture future = connector.connect(new InetSocketAddress(node.host(), node.port()), (session, f) -> {
            session.setAttribute(LinkHandler.LINK, link);
            link.connected(session);
            session.getFilterChain().addLast("ssl", ssl);
            session.getFilterChain().addLast("codec",
                    new ProtocolCodecFilter(FrameCodecFactory.forClient(MAX_INBOUND_FRAME_BYTES)));
        });
        future.addListener(f -> {
            ConnectFuture done = (ConnectFuture) f;
            if (!done.isConnected()) {
                link.connectFailed(done.getException() == null ? new IllegalStateException("cancelled") : done.getException());
            }
        });
        return link.ready();
    }

    private static SSLContext sslContext(TofuTrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { trust }, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    @Override
    public void close() {
        connector.dispose(false);
    }
}
