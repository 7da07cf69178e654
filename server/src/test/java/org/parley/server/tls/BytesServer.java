package org.parley.server.tls;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/**
 * A real MINA acceptor on 127.0.0.1 (free port) whose only filter is the server's own {@link TlsFilter}, as
 * {@link TlsPolicy} builds it. Each 4-byte big-endian number a client sends asks for one write of that many bytes
 * of {@link #expected}: a write of any size, straight into the TLS layer, without the protocol's frame limits.
 */
final class BytesServer implements AutoCloseable {
    private static final AttributeKey REQUEST = new AttributeKey(BytesServer.class, "request");

    private final TlsContext tls;
    private final NioSocketAcceptor acceptor = new NioSocketAcceptor(1);

    /** With the server's generated self-signed (ECDSA P-256) certificate. */
    BytesServer(Path dataDir) throws Exception {
        this(TlsContext.open(dataDir, null, null));
    }

    BytesServer(TlsContext tls) throws Exception {
        this.tls = tls;
        acceptor.getFilterChain().addLast("tls", TlsPolicy.filter(tls.sslContext()));
        acceptor.setHandler(new IoHandlerAdapter() {
            @Override
            public void messageReceived(IoSession session, Object message) {
                ByteBuffer request = request(session);
                ByteBuffer in = ((IoBuffer) message).buf();
                while (in.hasRemaining()) {
                    request.put(in.get());
                    if (!request.hasRemaining()) {
                        session.write(IoBuffer.wrap(pattern(request.flip().getInt())));
                        request.clear();
                    }
                }
            }
        });
        acceptor.bind(new InetSocketAddress("127.0.0.1", 0));
    }

    private static ByteBuffer request(IoSession session) {
        ByteBuffer request = (ByteBuffer) session.getAttribute(REQUEST);
        if (request == null) {
            request = ByteBuffer.allocate(Integer.BYTES);
            session.setAttribute(REQUEST, request);
        }
        return request;
    }

    InetSocketAddress address() {
        return acceptor.getLocalAddress();
    }

    String fingerprint() {
        return tls.fingerprint();
    }

    /** Byte {@code i} of a write of {@code size} bytes: differs between neighbours, records and writes. */
    static byte expected(int size, int i) {
        return (byte) ((i * 2_654_435_761L + size) >>> 13);
    }

    static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = expected(size, i);
        }
        return bytes;
    }

    @Override
    public void close() {
        acceptor.unbind();
        acceptor.dispose(true);
    }
}
