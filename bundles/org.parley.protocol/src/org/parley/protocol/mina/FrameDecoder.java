package org.parley.protocol.mina;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.JsonCodec;
import org.parley.protocol.ProtocolException;

/**
 * Splits the byte stream at '\n', enforces the per-session frame limit and decodes each line as JSON. Why not MINA's
 * {@code TextLineDecoder}: the limit changes at login and an oversized frame must become its own {@code TOO_LARGE}
 * error, in order with the replies around it, which TextLineDecoder's fixed limit and exception cannot give.
 */
final class FrameDecoder extends CumulativeProtocolDecoder {

    enum Direction { REQUESTS, SERVER_MESSAGES }

    private final JsonCodec json;
    private final Direction direction;
    private final int defaultMaxFrameBytes;

    FrameDecoder(JsonCodec json, Direction direction, int defaultMaxFrameBytes) {
        this.json = json;
        this.direction = direction;
        this.defaultMaxFrameBytes = defaultMaxFrameBytes;
        // Always keep a partial line for the next read. By default MINA only accumulates on transports that
        // declare fragmentation, which a line protocol must not depend on (test sessions declare none).
        setTransportMetadataFragmentation(false);
    }

    @Override
    protected boolean doDecode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws Exception {
        int limit = maxFrameBytes(session);
        int start = in.position();
        int end = in.limit();
        for (int i = start; i < end; i++) {
            if (in.get(i) == '\n') {
                int length = lengthWithoutCr(in, start, i - start);
                if (length > limit) {
                    throw tooLarge(in, limit);
                }
                ByteBuffer line = in.buf().duplicate();
                line.position(start).limit(start + length);
                in.position(i + 1);
                out.write(decodeLine(line));
                return true;
            }
        }
        if (end - start > limit + 1) {
            // No newline yet and already over the limit: the frame can only grow, so refuse it now
            // instead of buffering an attacker's megabytes.
            throw tooLarge(in, limit);
        }
        return false;
    }

    private Object decodeLine(ByteBuffer line) {
        String text;
        try {
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            text = utf8.decode(line).toString();
        } catch (CharacterCodingException e) {
            return new ProtocolException(ErrorCode.BAD_REQUEST, "frame is not valid UTF-8");
        }
        if (text.isBlank()) {
            return new ProtocolException(ErrorCode.BAD_REQUEST, "empty frame");
        }
        try {
            return direction == Direction.REQUESTS ? json.decodeRequest(text) : json.decodeServerMessage(text);
        } catch (ProtocolException e) {
            return e;
        }
    }

    /** Tolerates CRLF from hand-typed sessions (openssl s_client) by dropping a trailing '\r'. */
    private static int lengthWithoutCr(IoBuffer in, int start, int length) {
        return length > 0 && in.get(start + length - 1) == '\r' ? length - 1 : length;
    }

    private int maxFrameBytes(IoSession session) {
        Object value = session.getAttribute(FrameCodecFactory.MAX_FRAME_BYTES);
        return value instanceof Integer limit ? limit : defaultMaxFrameBytes;
    }

    private static FrameTooLargeException tooLarge(IoBuffer in, int limit) {
        in.position(in.limit());
        return new FrameTooLargeException(limit);
    }
}
