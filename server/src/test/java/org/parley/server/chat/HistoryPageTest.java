package org.parley.server.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.JsonCodec;
import org.parley.protocol.ServerMessage;

/** The page cut and its size estimate, against what the protocol codec really writes. */
class HistoryPageTest {
    private static final Instant TS = Instant.parse("2026-11-24T20:00:00.123Z");
    private final JsonCodec json = new JsonCodec();

    private static ChatMessage message(long id, String text) {
        return new ChatMessage(id, "someone-with-a-long-name_0123456789", "#" + "r".repeat(64), text, TS);
    }

    @Test
    void theEstimateIsNeverBelowTheEncodedSize() {
        List<String> texts = List.of("plain", "\"quoted\" \\ back", "\u0000\u0001\u001f\n\t\r", "\u2028\u2029",
                "\uD83D\uDE00 emoji", "\u4E2D\u6587", "\u00e9\u00df", "\uD800 lone", "<html>&'=", "\u007f");
        for (String text : texts) {
            ChatMessage m = message(Long.MAX_VALUE, text.repeat(400));
            int one = json.encodeFrame(new ServerMessage.History("", List.of(m))).length;
            int none = json.encodeFrame(new ServerMessage.History("", List.of())).length;
            assertTrue(HistoryPage.encodedBytes(m) >= one - none + 1, () -> "estimate below the real size for " + text);
        }
    }

    @Test
    void aPageEndsBeforeTheBudgetKeepingTheMessagesNearestTheCursor() {
        List<ChatMessage> newestFirst = List.of(message(5, "e".repeat(3000)), message(4, "d".repeat(3000)),
                message(3, "c".repeat(3000)), message(2, "b".repeat(3000)));
        HistoryPage page = HistoryPage.cut(newestFirst, 3, 7000, "re", false);
        assertEquals(List.of(4L, 5L), page.messages().stream().map(ChatMessage::id).toList(), "oldest first, newest kept");
        assertTrue(page.more());
        int frame = json.encodeFrame(new ServerMessage.History("re", page.messages(), true)).length;
        assertTrue(frame <= 7000, "frame " + frame);

        HistoryPage forward = HistoryPage.cut(List.of(message(2, "b"), message(3, "c")), 3, 7000, "re", true);
        assertEquals(List.of(2L, 3L), forward.messages().stream().map(ChatMessage::id).toList());
        assertFalse(forward.more(), "nothing beyond the page was read");
        assertTrue(HistoryPage.cut(List.of(message(1, "a"), message(2, "b")), 1, 7000, "re", true).more(), "cut by count");
    }

    @Test
    void oneMessageIsKeptWhateverItsSizeSoPagingMovesOn() {
        HistoryPage page = HistoryPage.cut(List.of(message(9, "x".repeat(4000)), message(8, "y")), 200, 100, "re", false);
        assertEquals(1, page.messages().size());
        assertTrue(page.more());
    }
}
