package org.parley.protocol.mina;

import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.parley.protocol.JsonCodec;

/**
 * MINA codec for protocol v1: newline-delimited UTF-8 JSON. Decoding yields typed messages, or a
 * {@link org.parley.protocol.ProtocolException} object for a frame that was delimited correctly but is not
 * valid (the connection stays usable); an oversized frame raises {@link FrameTooLargeException}.
 */
public final class FrameCodecFactory implements ProtocolCodecFactory {

    /** Session attribute (Integer) overriding the frame limit, so a server can raise it after login. */
    public static final AttributeKey MAX_FRAME_BYTES = new AttributeKey(FrameCodecFactory.class, "maxFrameBytes");

    private final ProtocolEncoder encoder;
    private final ProtocolDecoder decoder;

    private FrameCodecFactory(FrameDecoder.Direction direction, int defaultMaxFrameBytes) {
        JsonCodec json = new JsonCodec();
        this.encoder = new FrameEncoder(json);
        this.decoder = new FrameDecoder(json, direction, defaultMaxFrameBytes);
    }

    /** Server side: decodes {@link org.parley.protocol.Request}s, encodes server messages. */
    public static FrameCodecFactory forServer(int defaultMaxFrameBytes) {
        return new FrameCodecFactory(FrameDecoder.Direction.REQUESTS, defaultMaxFrameBytes);
    }

    /** Client side: decodes {@link org.parley.protocol.ServerMessage}s, encodes requests. */
    public static FrameCodecFactory forClient(int maxFrameBytes) {
        return new FrameCodecFactory(FrameDecoder.Direction.SERVER_MESSAGES, maxFrameBytes);
    }

    /** Sets the frame limit for one session from now on. */
    public static void setMaxFrameBytes(IoSession session, int maxFrameBytes) {
        session.setAttribute(MAX_FRAME_BYTES, maxFrameBytes);
    }

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return encoder;
    }

    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        return decoder;
    }
}
