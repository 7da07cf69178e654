package org.parley.server.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.parley.protocol.JsonCodec;
import org.parley.protocol.Limits;
import org.parley.protocol.ProtocolException;
import org.parley.protocol.Request;
import org.parley.protocol.mina.FrameCodecFactory;
import org.parley.protocol.mina.FrameTooLargeException;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The server's frame decoder on any byte stream: every line becomes a request that round-trips or a documented
 * refusal, an oversized line is FrameTooLargeException and nothing else escapes, and the result does not depend
 * on how TCP cut the stream into reads (whole, versus chunks sized by the input's first byte).
 */
class FrameDecoderFuzzTest {
    private final JsonCodec codec = new JsonCodec();

    @FuzzTest
    void decodesAnyByteStreamTheSameHoweverItIsCut(byte[] input) throws Exception {
        Outcome whole = decode(input, input.length);
        Outcome chunked = decode(input, 1 + (input.length == 0 ? 0 : (input[0] & 0xFF) % 97));
        assertEquals(whole, chunked, "decoding must not depend on read boundaries");
        for (Object frame : whole.frames) {
            if (frame instanceof Request request) {
                WireInvariants.roundTrips(codec, request);
            } else if (frame instanceof ProtocolException e) {
                WireInvariants.refusal(e);
            } else {
                fail("decoder produced " + frame.getClass());
            }
        }
    }

    /** What one session decoded: frames in order (refusals as code and message) and whether it hit the limit. */
    private record Outcome(List<Object> frames, List<String> described, boolean tooLarge) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome other && described.equals(other.described) && tooLarge == other.tooLarge;
        }

        @Override
        public int hashCode() {
            return described.hashCode();
        }
    }

    private static Outcome decode(byte[] input, int chunk) throws Exception {
        ProtocolCodecSession session = new ProtocolCodecSession();
        session.setTransportMetadata(new DefaultTransportMetadata("parley", "fuzz", false, true,
                InetSocketAddress.class, IoSessionConfig.class, Object.class));
        ProtocolDecoder decoder = FrameCodecFactory.forServer(Limits.MAX_FRAME_BYTES_UNAUTHENTICATED).getDecoder(session);
        boolean tooLarge = false;
        try {
            for (int offset = 0; offset < input.length; offset += chunk) {
                int length = Math.min(chunk, input.length - offset);
                decoder.decode(session, IoBuffer.wrap(input, offset, length), session.getDecoderOutput());
            }
        } catch (FrameTooLargeException e) {
            // The connection would be closed here: what was decoded before is all there is.
            WireInvariants.ownWords(e.getMessage());
            tooLarge = true;
        }
        List<Object> frames = new ArrayList<>(session.getDecoderOutputQueue());
        List<String> described = new ArrayList<>();
        for (Object frame : frames) {
            described.add(frame instanceof ProtocolException e ? e.code() + ": " + e.getMessage() + " re=" + e.requestId()
                    : String.valueOf(frame));
        }
        return new Outcome(frames, described, tooLarge);
    }
}
