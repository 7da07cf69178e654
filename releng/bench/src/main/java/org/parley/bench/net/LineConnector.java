package org.parley.bench.net;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.codec.textline.LineDelimiter;
import org.apache.mina.filter.codec.textline.TextLineEncoder;
import org.apache.mina.filter.ssl.SslFilter;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

/**
 * TLS line connections to one server, for both protocols: MINA NioSocketConnector, SslFilter pinned to the
 * server's certificate, then a line codec (MINA's encoder, our own {@link LineDecoder}). The same client stack for
 * Parley and IRC, so neither pays for more client-side work than the other. Connections are spread over several
 * 127.0.0.x source addresses so that tens of thousands of them do not run out of ephemeral ports.
 */
public final class LineConnector implements AutoCloseable {
    private static final AttributeKey LISTENER = new AttributeKey(LineConnector.class, "listener");
    private static final int MAX_LINE = 16 * 1024 * 1024;

    private final NioSocketConnector connector;
    /** Connections go to these in turn (the nodes of a cluster; one server otherwise). */
    private final List<InetSocketAddress> servers;
    private final int sourceAddresses;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger nextServer = new AtomicInteger();

    /**
     * @param outDelimiter    "\n" for Parley, "\r\n" for IRC
     * @param ioThreads       the generator's I/O threads
     * @param sourceAddresses how many of 127.0.0.2, 127.0.0.3, ... to connect from (0: let the OS pick)
     */
    public LineConnector(SSLContext tls, InetSocketAddress server, LineDelimiter outDelimiter, int ioThreads, int sourceAddresses) {
        this(tls, List.of(server), outDelimiter, ioThreads, sourceAddresses);
    }

    /** Connections to several servers presenting one certificate (a cluster's nodes), each to the next in turn. */
    public LineConnector(SSLContext tls, List<InetSocketAddress> servers, LineDelimiter outDelimiter, int ioThreads,
            int sourceAddresses) {
        this.servers = List.copyOf(servers);
        this.sourceAddresses = sourceAddresses;
        connector = new NioSocketConnector(ioThreads);
        connector.setConnectTimeoutMillis(30_000);
        connector.getSessionConfig().setTcpNoDelay(true);
        SslFilter ssl = new SslFilter(tls);
        ssl.setEnabledProtocols("TLSv1.3", "TLSv1.2");
        connector.getFilterChain().addLast("ssl", ssl);
        TextLineEncoder encoder = new TextLineEncoder(StandardCharsets.UTF_8, outDelimiter);
        encoder.setMaxLineLength(MAX_LINE);
        connector.getFilterChain().addLast("lines", new ProtocolCodecFilter(encoder, new LineDecoder(MAX_LINE)));
        connector.setHandler(new Handler());
    }

    /**
     * Opens a connection whose lines go to {@code listener}; completes once TCP is up (TLS follows). With several
     * servers, the k-th call connects to server k mod their count.
     */
    public CompletableFuture<IoSession> connect(LineListener listener) {
        CompletableFuture<IoSession> result = new CompletableFuture<>();
        InetSocketAddress server = servers.get(Math.floorMod(nextServer.getAndIncrement(), servers.size()));
        ConnectFuture future;
        if (sourceAddresses > 0) {
            int i = Math.floorMod(next.getAndIncrement(), sourceAddresses);
            future = connector.connect(server, new InetSocketAddress("127.0.0." + (2 + i), 0),
                    (session, f) -> session.setAttribute(LISTENER, listener));
        } else {
            future = connector.connect(server, (session, f) -> session.setAttribute(LISTENER, listener));
        }
        future.addListener(f -> {
            ConnectFuture done = (ConnectFuture) f;
            if (done.isConnected()) {
                result.complete(done.getSession());
            } else {
                result.completeExceptionally(done.getException() != null ? done.getException() : new IllegalStateException("cancelled"));
            }
        });
        return result;
    }

    public int openConnections() {
        return connector.getManagedSessionCount();
    }

    @Override
    public void close() {
        connector.getManagedSessions().values().forEach(IoSession::closeNow);
        connector.dispose(false);
    }

    private static final class Handler extends IoHandlerAdapter {
        @Override
        public void messageReceived(IoSession session, Object message) {
            LineListener listener = (LineListener) session.getAttribute(LISTENER);
            if (listener != null) {
                listener.line(session, (String) message);
            }
        }

        @Override
        public void sessionClosed(IoSession session) {
            LineListener listener = (LineListener) session.getAttribute(LISTENER);
            if (listener != null) {
                listener.closed(session);
            }
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
            session.closeNow();
        }
    }
}
