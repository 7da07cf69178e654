package org.parley.server.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.parley.protocol.ErrorCode;
import org.parley.protocol.JsonCodec;
import org.parley.protocol.Message;
import org.parley.protocol.ProtocolException;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;

/** What every fuzz target asserts about the wire codec; one place, so the targets agree. */
final class WireInvariants {
    /** The only codes a bad frame may earn (docs/protocol.md §2); anything else is a server bug. */
    static final Set<ErrorCode> BAD_FRAME_CODES = Set.of(ErrorCode.BAD_REQUEST, ErrorCode.UNKNOWN_TYPE);
    /** Longest refusal text: names a field, a rule or a limit, never the frame (issue 15, item 7). */
    static final int MAX_MESSAGE_CHARS = 300;
    private static final List<String> LEAKS = List.of("gson", "strictness", "lenient", "http", "troubleshooting",
            "path $", "hexdump", "exception", "at line");

    private WireInvariants() {
    }

    /** A refused frame: a documented code and a short message in the server's own words. */
    static void refusal(ProtocolException e) {
        assertTrue(BAD_FRAME_CODES.contains(e.code()), () -> "code " + e.code() + ": " + e.getMessage());
        ownWords(e.getMessage());
    }

    static void ownWords(String message) {
        assertTrue(message.length() <= MAX_MESSAGE_CHARS, () -> "too long: " + message.length() + " chars");
        String lower = message.toLowerCase(Locale.ROOT);
        for (String leak : LEAKS) {
            assertFalse(lower.contains(leak), () -> "'" + leak + "' in: " + message);
        }
    }

    /** A decoded frame encodes to a frame that decodes to an equal message, with no character lost in UTF-8. */
    static void roundTrips(JsonCodec codec, Message decoded) throws ProtocolException {
        String encoded = codec.encode(decoded);
        assertEquals(encoded + "\n", new String(codec.encodeFrame(decoded), StandardCharsets.UTF_8),
                "the encoded frame survives UTF-8 (no '?' for an unpaired surrogate)");
        Message again = decoded instanceof Request ? codec.decodeRequest(encoded) : codec.decodeServerMessage(encoded);
        assertEquals(decoded, again, () -> "re-encoded as " + encoded);
        if (decoded instanceof ServerMessage.Error error) {
            assertFalse(error.code() == null);
        }
    }
}
