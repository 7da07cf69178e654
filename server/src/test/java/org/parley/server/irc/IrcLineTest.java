package org.parley.server.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The line parser and the per-line checks of the decoder, without a server. */
class IrcLineTest {

    @Test
    void tagsAndPrefixAreSkippedAndTheTrailingParameterKeepsItsSpaces() {
        IrcLine line = IrcLine.parse("@time=x;+a=b :nick!u@h privmsg #room  :hello  there : ok");
        assertEquals("PRIVMSG", line.command());
        assertEquals(List.of("#room", "hello  there : ok"), line.params());
        assertEquals(List.of(""), IrcLine.parse("CMD :").params());
    }

    @Test
    void theFifteenthParameterTakesTheRestAndLinesWithoutACommandAreNull() {
        IrcLine line = IrcLine.parse("CMD 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16");
        assertEquals(15, line.size());
        assertEquals("15 16", line.param(14));
        assertNull(IrcLine.parse(""));
        assertNull(IrcLine.parse("@only=tags"));
        assertNull(IrcLine.parse(":only.prefix   "));
    }

    @Test
    void theDecoderRefusesWhatCannotBeStoredAsSent() {
        assertEquals(new IrcInput.Line("PING :x"), IrcLineDecoder.read("PING :x\r".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(new IrcInput.Refused(IrcInput.Reason.CR), IrcLineDecoder.read("A\rB".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(new IrcInput.Refused(IrcInput.Reason.NUL), IrcLineDecoder.read(new byte[] {'A', 0, 'B'}));
        assertEquals(new IrcInput.Refused(IrcInput.Reason.INVALID_UTF8), IrcLineDecoder.read(new byte[] {'A', (byte) 0xE2, 0x28}));
        // 510 bytes after the tags fit (512 with CR LF), 511 do not; the tags have 4096 of their own.
        String tags = "@" + "t".repeat(4094) + " ";
        assertInstanceOf(IrcInput.Line.class, IrcLineDecoder.read((tags + "x".repeat(510)).getBytes(StandardCharsets.US_ASCII)));
        assertEquals(new IrcInput.Refused(IrcInput.Reason.TOO_LONG),
                IrcLineDecoder.read((tags + "x".repeat(511)).getBytes(StandardCharsets.US_ASCII)));
        assertEquals(new IrcInput.Refused(IrcInput.Reason.TOO_LONG),
                IrcLineDecoder.read(("@" + tags + "x").getBytes(StandardCharsets.US_ASCII)));
    }
}
