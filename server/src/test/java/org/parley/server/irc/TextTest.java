package org.parley.server.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Message text between IRC and Parley: ACTION and /me, line breaks, cutting between code points. */
class TextTest {

    @Test
    void actionIsSlashMeBothWaysAndOtherCtcpIsNotRelayed() {
        assertEquals("/me waves", Text.fromIrc("\u0001ACTION waves\u0001"));
        assertEquals("/me waves", Text.fromIrc("\u0001ACTION waves"));
        assertNull(Text.fromIrc("\u0001VERSION\u0001"));
        assertEquals("plain", Text.fromIrc("plain"));
        assertEquals(List.of("\u0001ACTION nods\u0001"), Text.toIrc("/me nods", 100));
    }

    @Test
    void fourByteCharactersAreNeverCutAndEveryPartFitsItsBudget() {
        String text = "a" + "\uD83D\uDE00".repeat(300) + "\r\nnext\n\nlast\u0000";
        List<String> parts = Text.toIrc(text, 101);
        StringBuilder joined = new StringBuilder();
        for (String part : parts.subList(0, parts.size() - 2)) {
            assertTrue(part.getBytes(StandardCharsets.UTF_8).length <= 101, part);
            assertTrue(!Character.isHighSurrogate(part.charAt(part.length() - 1)), "a pair cut in two");
            joined.append(part);
        }
        assertEquals("a" + "\uD83D\uDE00".repeat(300), joined.toString());
        assertEquals(List.of("next", "last"), parts.subList(parts.size() - 2, parts.size()));
    }
}
