package org.parley.server.tls;

import java.nio.ByteBuffer;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.future.DefaultWriteFuture;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.core.write.WriteToClosedSessionException;
import org.apache.mina.filter.ssl.SslEvent;

/**
 * Server-side TLS for the filter chain, on the JDK's {@link SSLEngine}: decrypts what arrives, encrypts what is
 * written, and fires {@link SslEvent#SECURED} upwards once the handshake is done, as MINA's SslFilter does.
 *
 * <p>Why not MINA's SslFilter: it allocates and zeroes a 33 KiB buffer for every write and a 16 KiB one for every
 * record read, hands the engine lock between the writing thread and the I/O thread on every write, runs handshake
 * tasks on a thread of its own and throws once about 70 writes wait for one session. Profiles of the benchmarks
 * showed those costs per delivery and per handshake (releng/bench/FINDINGS.md). Here the big buffers are per
 * thread and reused, handshake tasks run on the I/O thread that received the message, and writes are encrypted on
 * the writing thread under the connection's lock (Parley's Outbound keeps one write in flight per connection).
 */
public final class TlsFilter extends IoFilterAdapter {
    private static final AttributeKey CONNECTION = new AttributeKey(TlsFilter.class, "connection");

    private final SSLContext context;
    /** Protocols, suites and groups for every engine; each engine takes a copy of them. */
    private final SSLParameters parameters;

    public TlsFilter(SSLContext context, SSLParameters parameters) {
        this.context = context;
        this.parameters = parameters;
    }

    /** A server engine, its handshake begun, for one connection. */
    SSLEngine newEngine() throws SSLException {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(parameters);
        engine.beginHandshake();
        return engine;
    }

    @Override
    public void sessionCreated(NextFilter next, IoSession session) throws Exception {
        session.setAttribute(CONNECTION, new TlsConnection(newEngine(), session, next));
        next.sessionCreated(session);
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        TlsConnection connection = connection(session);
        if (connection == null || !(message instanceof IoBuffer bytes)) {
            return;
        }
        TlsEngine.Received received = connection.receive(bytes);
        // Upwards outside the connection's lock: decoding and handling must not hold up writers.
        if (received.securedNow()) {
            next.event(session, SslEvent.SECURED);
        }
        for (ByteBuffer data : received.data()) {
            next.messageReceived(session, IoBuffer.wrap(data));
        }
        if (received.closed()) {
            session.closeNow();
        }
    }

    @Override
    public void filterWrite(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        if (request instanceof TlsConnection.Sealed) {
            next.filterWrite(session, request);
            return;
        }
        TlsConnection connection = connection(session);
        if (connection == null) {
            // Closed already. Never let a frame through unencrypted.
            request.getFuture().setException(new WriteToClosedSessionException(request));
            return;
        }
        connection.write(request);
    }

    @Override
    public void messageSent(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        if (request instanceof TlsConnection.Sealed sealed) {
            sealed.sent();
            if (sealed.original() != null) {
                next.messageSent(session, sealed.original());
            }
            return;
        }
        next.messageSent(session, request);
    }

    @Override
    public void filterClose(NextFilter next, IoSession session) throws Exception {
        TlsConnection connection = connection(session);
        if (connection != null) {
            connection.close();
        }
        next.filterClose(session);
    }

    /**
     * How to write to {@code session} as {@link IoSession#write} would, minus MINA's write request, future and filter
     * chain while the data can go straight to the socket (see {@link TlsConnection#push}): the function returns null
     * when all of it is in the socket, else the write's future. Filters above this one do not see these writes: for
     * data that needs none of them (the server's encoded frames). Looked up once per session (by {@code Outbound},
     * when the session is created), because the attribute lookup per write was 10% of the drain threads' samples in
     * a 1,000-client fan-out; a session without this filter gets its ordinary {@code write}.
     */
    public static Function<IoBuffer, WriteFuture> pusher(IoSession session) {
        TlsConnection connection = connection(session);
        if (connection == null) {
            return session::write;
        }
        return data -> {
            if (session.isClosing()) {
                return session.write(data); // fails it as MINA does
            }
            try {
                return connection.push(data);
            } catch (SSLException | RuntimeException e) {
                // What the filter chain does with a filter's failure to write: fail the write and tell the handler.
                WriteFuture failed = new DefaultWriteFuture(session);
                failed.setException(e);
                session.getFilterChain().fireExceptionCaught(e);
                return failed;
            }
        };
    }

    private static TlsConnection connection(IoSession session) {
        return (TlsConnection) session.getAttribute(CONNECTION);
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        session.removeAttribute(CONNECTION);
        next.sessionClosed(session);
    }
}
