package org.parley.server.irc;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * Splits the byte stream into IRC lines (RFC 1459 2.3: at most 512 bytes with CR LF; IRCv3 message-tags: a tag
 * section of its own of up to 4096 bytes in front). A line over the limit is not cut and read as two: the decoder
 * skips to its LF and reports it once (417), keeping the connection. Kept by hand (MINA's TextLineDecoder closes the
 * stream on an overlong line and decodes without refusing invalid UTF-8).
 */
final class IrcLineDecoder extends CumulativeProtocolDecoder {
    /** The line after its tags, CR LF included (RFC 1459). */
    static final int MAX_BODY_BYTES = 512;
    /** The tag section, '@' and the space after it included (IRCv3 message-tags, client tags). */
    static final int MAX_TAG_BYTES = 4096;
    private static final int MAX_LINE_BYTES = MAX_BODY_BYTES + MAX_TAG_BYTES;
    private static final AttributeKey SKIPPING = new AttributeKey(IrcLineDecoder.class, "skipping");

    @Override
    protected boolean doDecode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        int start = in.position();
        int limit = in.limit();
        for (int i = start; i < limit; i++) {
            if (in.get(i) == '\n') {
                int length = i - start;
                byte[] line = new byte[length];
                in.get(line);
                in.get();
                if (session.removeAttribute(SKIPPING) != null) {
                    out.write(new IrcInput.Refused(IrcInput.Reason.TOO_LONG));
                } else {
                    out.write(read(line));
                }
                return true;
            }
        }
        if (limit - start > MAX_LINE_BYTES || session.containsAttribute(SKIPPING)) {
            // No LF within the limit: drop what came and keep dropping up to the next LF.
            session.setAttribute(SKIPPING, Boolean.TRUE);
            in.position(limit);
        }
        return false;
    }

    static IrcInput read(byte[] line) {
        int length = line.length;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        int bodyStart = 0;
        if (length > 0 && line[0] == '@') {
            int space = indexOf(line, (byte) ' ', length);
            bodyStart = space < 0 ? length : space + 1;
        }
        if (bodyStart > MAX_TAG_BYTES || length - bodyStart + 2 > MAX_BODY_BYTES) {
            return new IrcInput.Refused(IrcInput.Reason.TOO_LONG);
        }
        for (int i = 0; i < length; i++) {
            if (line[i] == 0) {
                return new IrcInput.Refused(IrcInput.Reason.NUL);
            }
            if (line[i] == '\r') {
                return new IrcInput.Refused(IrcInput.Reason.CR);
            }
        }
        try {
            CharBuffer text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line, 0, length));
            return new IrcInput.Line(text.toString());
        } catch (CharacterCodingException e) {
            return new IrcInput.Refused(IrcInput.Reason.INVALID_UTF8);
        }
    }

    private static int indexOf(byte[] bytes, byte b, int end) {
        for (int i = 0; i < end; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
