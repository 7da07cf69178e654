package org.parley.bench.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.apache.mina.filter.codec.ProtocolDecoderException;
import org.junit.jupiter.api.Test;

/** Lines come out whole and in order however the bytes are cut into reads. */
class LineDecoderTest {
    private final ProtocolCodecSession session = new ProtocolCodecSession();

    @Test
    void splitsAtNewlineAndDropsACarriageReturnBeforeIt() throws Exception {
        assertEquals(List.of("{\"type\":\"welcome\"}", ":irc.local PRIVMSG #r :~B 1 2 3", "", "é ✓"),
                decode(new LineDecoder(1024), "{\"type\":\"welcome\"}\n:irc.local PRIVMSG #r :~B 1 2 3\r\n\r\né ✓\n"));
    }

    @Test
    void keepsAPartialLineForTheNextRead() throws Exception {
        String text = "first line\r\nsecond, longer line with a ~B 7 123456789 42 stamp\nthird\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < 9; cut++) {
            LineDecoder decoder = new LineDecoder(1024);
            List<String> lines = new ArrayList<>();
            for (int from = 0; from < bytes.length; from += cut) {
                int to = Math.min(bytes.length, from + cut);
                decoder.decode(session, IoBuffer.wrap(bytes, from, to - from), session.getDecoderOutput());
                drain(lines);
            }
            assertEquals(List.of("first line", "second, longer line with a ~B 7 123456789 42 stamp", "third"), lines, "reads of " + cut);
        }
    }

    @Test
    void refusesALineOverItsLimit() {
        LineDecoder decoder = new LineDecoder(16);
        assertThrows(ProtocolDecoderException.class,
                () -> decoder.decode(session, IoBuffer.wrap("0123456789abcdefXYZ".getBytes(StandardCharsets.US_ASCII)), session.getDecoderOutput()));
    }

    private List<String> decode(LineDecoder decoder, String text) throws Exception {
        decoder.decode(session, IoBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), session.getDecoderOutput());
        List<String> lines = new ArrayList<>();
        drain(lines);
        return lines;
    }

    private void drain(List<String> into) {
        Object line;
        while ((line = session.getDecoderOutputQueue().poll()) != null) {
            into.add((String) line);
        }
    }
}
