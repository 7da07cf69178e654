package org.parley.protocol.mina;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import java.net.InetSocketAddress;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.junit.jupiter.api.Test;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.ProtocolException;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;

class FrameCodecFactoryTest {

    private final FrameCodecFactory factory = FrameCodecFactory.forServer(64);
    private final ProtocolCodecSession session = new ProtocolCodecSession();
    private final ProtocolDecoder decoder = factory.getDecoder(session);

    FrameCodecFactoryTest() {
        // Like TCP, the test session fragments: without this MINA's cumulative decoder drops partial frames.
        session.setTransportMetadata(new DefaultTransportMetadata("parley", "test", false, true,
                InetSocketAddress.class, IoSessionConfig.class, Object.class));
    }

    private void feed(String text) throws Exception {
        decoder.decode(session, IoBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), session.getDecoderOutput());
    }

    @Test
    void splitsFramesAcrossAndWithinReads() throws Exception {
        feed("{\"type\":\"ping\",\"id\":\"1\"}\n{\"type\":\"pi");
        feed("ng\",\"id\":\"2\"}\r\n");
        assertEquals(new Request.Ping("1"), session.getDecoderOutputQueue().poll());
        assertEquals(new Request.Ping("2"), session.getDecoderOutputQueue().poll());
        assertTrue(session.getDecoderOutputQueue().isEmpty());
    }

    @Test
    void malformedFrameYieldsErrorObjectAndDecodingContinues() throws Exception {
        feed("{oops\n{\"type\":\"ping\",\"id\":\"3\"}\n");
        ProtocolException error = assertInstanceOf(ProtocolException.class, session.getDecoderOutputQueue().poll());
        assertEquals(ErrorCode.BAD_REQUEST, error.code());
        assertEquals(new Request.Ping("3"), session.getDecoderOutputQueue().poll());
    }

    @Test
    void invalidUtf8IsABadRequest() throws Exception {
        byte[] bytes = {'{', (byte) 0xC3, (byte) 0x28, '}', '\n'};
        decoder.decode(session, IoBuffer.wrap(bytes), session.getDecoderOutput());
        ProtocolException error = assertInstanceOf(ProtocolException.class, session.getDecoderOutputQueue().poll());
        assertTrue(error.getMessage().contains("UTF-8"));
    }

    @Test
    void oversizedFrameIsRefusedEvenBeforeItsNewline() {
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> feed("x".repeat(200)));
        assertEquals(64, e.limit());
    }

    @Test
    void tooLargeSaysTheLimitAndNotThePeersBytes() {
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> feed("{\"type\":" + "x".repeat(200)));
        // MINA's codec filter attaches a hex dump of the buffer; the reply must not echo it (issue 15, item 7).
        e.setHexdump("7B 22 74 79 70 65 22 3A");
        assertEquals("frame exceeds 64 bytes", e.getMessage());
    }

    @Test
    void perSessionLimitOverridesTheDefault() throws Exception {
        FrameCodecFactory.setMaxFrameBytes(session, 1024);
        String text = "x".repeat(300);
        feed("{\"type\":\"send\",\"id\":\"1\",\"to\":\"#g\",\"text\":\"" + text + "\"}\n");
        assertEquals(new Request.Send("1", "#g", text, null), session.getDecoderOutputQueue().poll());
    }

    @Test
    void encoderWritesOneLinePerMessage() throws Exception {
        ProtocolEncoder encoder = factory.getEncoder(session);
        encoder.encode(session, new ServerMessage.Pong("9"), session.getEncoderOutput());
        encoder.encode(session, new EncodedFrame("{\"type\":\"pong\",\"re\":\"10\"}\n".getBytes(StandardCharsets.UTF_8)),
                session.getEncoderOutput());
        IoBuffer first = (IoBuffer) session.getEncoderOutputQueue().poll();
        IoBuffer second = (IoBuffer) session.getEncoderOutputQueue().poll();
        assertEquals("{\"type\":\"pong\",\"re\":\"9\"}\n", first.getString(StandardCharsets.UTF_8.newDecoder()));
        assertEquals("{\"type\":\"pong\",\"re\":\"10\"}\n", second.getString(StandardCharsets.UTF_8.newDecoder()));
    }
}
