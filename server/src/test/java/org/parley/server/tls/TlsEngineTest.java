package org.parley.server.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TlsEngine} without MINA or sockets: the server's engine (the server's own policy and certificate) against a
 * plain JDK client engine, bytes passed by hand, cut and joined at will.
 */
class TlsEngineTest {
    @TempDir
    static Path dir;
    private static TlsFilter filter;
    private static String fingerprint;

    @BeforeAll
    static void identity() throws Exception {
        TlsContext tls = TlsContext.open(dir, null, null);
        filter = TlsPolicy.filter(tls.sslContext());
        fingerprint = tls.fingerprint();
    }

    static byte[] joined(List<ByteBuffer> data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer buffer : data) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void writesBeforeTheHandshakeWaitThenGoOutInOrder(String protocol) throws Exception {
        EnginePair pair = new EnginePair(filter, fingerprint, protocol);
        pair.server.write(ByteBuffer.wrap(text("early ")), "w1");
        pair.server.write(ByteBuffer.wrap(text("birds")), "w2");
        assertTrue(pair.writesDone.isEmpty());
        pair.handshake();
        assertTrue(pair.securedSeen && pair.server.secured());
        assertEquals(protocol, pair.client.engine.getSession().getProtocol());
        assertArrayEquals(text("early birds"), pair.client.takeReceived());
        assertEquals(List.of("w1", "w2"), pair.writesDone);
        assertArrayEquals(text("and then"), pair.serverSends(text("and then"), "w3"));
        assertArrayEquals(text("hello server"), joined(pair.serverReceives(pair.client.seal(text("hello server"))).data()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void recordsCutAtEveryByteOffsetArriveWhole(String protocol) throws Exception {
        EnginePair pair = new EnginePair(filter, fingerprint, protocol).handshake();
        byte[] message = text("a message of a few dozen bytes, one record");
        int length = Integer.MAX_VALUE;
        for (int cut = 0; cut <= length; cut++) {
            byte[] records = pair.client.seal(message);
            length = records.length;
            TlsEngine.Received first = pair.serverReceives(Arrays.copyOfRange(records, 0, cut));
            TlsEngine.Received second = pair.serverReceives(Arrays.copyOfRange(records, cut, records.length));
            byte[] got = joined(first.data());
            byte[] rest = joined(second.data());
            assertArrayEquals(message, concat(got, rest), "cut at " + cut);
        }
        // Byte by byte, across two records (the second larger than one TLS record can hold).
        byte[] big = new byte[20_000];
        Arrays.fill(big, (byte) 'b');
        byte[] records = concat(pair.client.seal(message), pair.client.seal(big));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (byte b : records) {
            got.writeBytes(joined(pair.serverReceives(new byte[] {b}).data()));
        }
        assertArrayEquals(concat(message, big), got.toByteArray());
    }

    @Test
    void coalescedRecordsAreAllOpenedInOrder() throws Exception {
        EnginePair pair = new EnginePair(filter, fingerprint, "TLSv1.3").handshake();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        for (int i = 0; i < 300; i++) {
            byte[] ping = text("{\"type\":\"ping\",\"id\":\"p" + i + "\"}\n");
            sent.writeBytes(ping);
            records.writeBytes(pair.client.seal(ping));
        }
        TlsEngine.Received received = pair.serverReceives(records.toByteArray());
        assertEquals(300, received.data().size());
        assertArrayEquals(sent.toByteArray(), joined(received.data()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void closeNotifyFromTheClientEndsInput(String protocol) throws Exception {
        EnginePair pair = new EnginePair(filter, fingerprint, protocol).handshake();
        pair.client.engine.closeOutbound();
        assertTrue(pair.serverReceives(pair.client.flight()).closed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void closeSendsCloseNotifyAndLaterWritesFail(String protocol) throws Exception {
        EnginePair pair = new EnginePair(filter, fingerprint, protocol).handshake();
        pair.server.close();
        pair.client.feed(pair.takeWire());
        assertTrue(pair.client.engine.isInboundDone(), "the client read close_notify");
        assertThrows(SSLException.class, () -> pair.server.write(ByteBuffer.wrap(text("too late")), "late"));
        assertFalse(pair.writesDone.contains("late"));
    }

    @Test
    void buffersFoundTooSmallAreRetriedLarger() throws Exception {
        EnginePair pair = new EnginePair(filter, fingerprint, "TLSv1.3").handshake();
        byte[] data = new byte[10_000];
        Arrays.fill(data, (byte) 'o');
        // As if the engine had reported tiny sizes: the first wrap and unwrap each overflow, then succeed.
        pair.server.assumeBufferSizes(64, 64);
        assertArrayEquals(data, joined(pair.serverReceives(pair.client.seal(data)).data()));
        pair.server.assumeBufferSizes(64, 64);
        assertArrayEquals(data, pair.serverSends(data, "w"));
        assertEquals(List.of("w"), pair.writesDone);
    }

    @Test
    void tls12RenegotiationIsRefused() throws Exception {
        EnginePair pair = new EnginePair(filter, fingerprint, "TLSv1.2").handshake();
        pair.client.engine.beginHandshake();
        byte[] hello = pair.client.flight();
        assertTrue(hello.length > 0, "the client asks to renegotiate");
        assertThrows(SSLException.class, () -> pair.serverReceives(hello));
        assertArrayEquals(new byte[0], pair.takeWire(), "no ServerHello goes back");
        assertThrows(SSLException.class, () -> pair.server.write(ByteBuffer.wrap(text("x")), "x"));
    }

    @Test
    void tls13KeyUpdatesAreAnsweredAndDataFlowsOn() throws Exception {
        EnginePair pair = new EnginePair(filter, fingerprint, "TLSv1.3").handshake();
        for (int update = 0; update < 3; update++) {
            // The JDK client sends KeyUpdate(update_requested): the server must update its own keys and say so.
            pair.client.engine.beginHandshake();
            byte[] keyUpdate = pair.client.flight();
            assertTrue(keyUpdate.length > 0);
            byte[] records = concat(keyUpdate, pair.client.seal(text("after update " + update)));
            assertArrayEquals(text("after update " + update), joined(pair.serverReceives(records).data()));
            byte[] answer = pair.takeWire();
            assertTrue(answer.length > 0, "the server's own KeyUpdate");
            pair.client.feed(answer);
            assertArrayEquals(text("reply " + update), pair.serverSends(text("reply " + update), "r" + update));
        }
        assertEquals(List.of("r0", "r1", "r2"), pair.writesDone);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
