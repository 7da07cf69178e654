package org.parley.server.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocket;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.mina.EncodedFrame;
import org.parley.testing.tls.PinnedCertificateTrustManager;
import org.parley.server.testing.TestClient;
import org.parley.server.tls.TlsContext;
import org.parley.server.tls.TlsPolicy;

/**
 * What {@link Outbound} writes goes from the draining thread through the server's TLS filter to the socket, without a
 * MINA write request walking the filter chain (the cost of that walk, its request and its future, was most of a
 * delivery's Java time at 25 k deliveries/s), and still arrives whole and in order when the socket fills and MINA has
 * to take over. A real acceptor on 127.0.0.1 with the server's TLS filter and a filter above it that counts the writes
 * passing through; each 4-byte number a JDK TLS client sends asks for one frame of that many bytes.
 */
class DirectPushTest {
    private static final int MB = 1024 * 1024;

    @TempDir
    Path dir;

    private final AtomicInteger writesThroughChain = new AtomicInteger();
    private final NioSocketAcceptor acceptor = new NioSocketAcceptor(1);
    private Drainers drainers;
    private TlsContext tls;

    @BeforeEach
    void start() throws Exception {
        tls = TlsContext.open(dir, null, null);
        drainers = new Drainers(2, 64L * MB, 1_000);
        acceptor.getFilterChain().addLast("tls", TlsPolicy.filter(tls.sslContext()));
        acceptor.getFilterChain().addLast("counter", new IoFilterAdapter() {
            @Override
            public void filterWrite(NextFilter next, IoSession session, WriteRequest request) {
                writesThroughChain.incrementAndGet();
                next.filterWrite(session, request);
            }
        });
        acceptor.setHandler(new IoHandlerAdapter() {
            @Override
            public void sessionCreated(IoSession session) {
                Outbound.attach(session, drainers);
            }

            @Override
            public void messageReceived(IoSession session, Object message) {
                ByteBuffer in = ((IoBuffer) message).buf();
                // The client sends each 4-byte request alone and waits for its answer, so a read holds whole ones.
                while (in.remaining() >= Integer.BYTES) {
                    Outbound.write(session, new EncodedFrame(pattern(in.getInt())));
                }
            }
        });
        acceptor.bind(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        acceptor.unbind();
        acceptor.dispose(true);
        drainers.close();
    }

    @Test
    void aPushToAnIdleConnectionGoesToTheSocketWithoutAWriteRequest() throws Exception {
        try (SSLSocket client = connect()) {
            for (int i = 0; i < 20; i++) {
                assertReceived(client, 200);
            }
        }
        assertEquals(0, writesThroughChain.get(), "writes that walked the filter chain above TLS");
    }

    @Test
    void pushesLargerThanTheSocketTakesArriveWholeAndInOrder() throws Exception {
        try (SSLSocket client = connect()) {
            // The large ones fill the socket: the sealing thread writes what fits and MINA sends the rest.
            for (int size : new int[] {100, 1 * MB, 8 * MB, 100, 3 * MB, 100}) {
                assertReceived(client, size);
            }
        }
    }

    private SSLSocket connect() throws Exception {
        InetSocketAddress address = acceptor.getLocalAddress();
        SSLSocket socket = (SSLSocket) PinnedCertificateTrustManager.clientContext(tls.fingerprint(), "TLS")
                .getSocketFactory().createSocket(address.getAddress(), address.getPort());
        socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
        return socket;
    }

    private static void assertReceived(SSLSocket client, int size) throws Exception {
        DataOutputStream out = new DataOutputStream(client.getOutputStream());
        out.writeInt(size);
        out.flush();
        byte[] received = new byte[size];
        new DataInputStream(client.getInputStream()).readFully(received);
        for (int i = 0; i < size; i++) {
            if (received[i] != expected(size, i)) {
                assertEquals(expected(size, i), received[i], "byte " + i + " of a " + size + "-byte push");
            }
        }
    }

    /** Byte {@code i} of a frame of {@code size} bytes: differs between neighbours, records and frames. */
    private static byte expected(int size, int i) {
        return (byte) ((i * 2_654_435_761L + size) >>> 13);
    }

    private static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = expected(size, i);
        }
        return bytes;
    }
}
