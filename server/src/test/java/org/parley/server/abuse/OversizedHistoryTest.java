package org.parley.server.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.ok;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.JsonCodec;
import org.parley.protocol.Limits;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;

/**
 * Long messages of escaped, emoji and CJK text used to make a 200-message history page several megabytes, more
 * than the TLS layer could deliver, so a client catching up reconnected in a loop. A page now ends before its
 * frame passes 256 KiB and says {@code more}; paging in either direction still reads every message exactly once.
 */
class OversizedHistoryTest {
    private static final int MESSAGES = 60;

    @TempDir
    Path dir;

    /** 4,000 code points that take 3.4 bytes each on average in JSON: quote, backslash, a control character, emoji, CJK. */
    private static String heavyText(int i) {
        String unit = "\"\\\u0001\uD83D\uDE00\u4E2D";
        StringBuilder text = new StringBuilder().append(i).append(' ');
        while (text.codePointCount(0, text.length()) + 5 <= Limits.MAX_TEXT_CHARS) {
            text.append(unit);
        }
        return text.toString();
    }

    @Test
    void pagesStayUnderTheByteBudgetAndPagingReadsEverything() throws Exception {
        try (TestServer server = TestServer.start(dir, c -> c.flood(100_000, 100_000))) {
            TestClient writer = server.login("writer");
            List<CompletableFuture<ServerMessage>> sends = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                sends.add(writer.send(new Request.Send(writer.nextId(), "#general", heavyText(i), null)));
            }
            List<ChatMessage> sent = new ArrayList<>();
            for (CompletableFuture<ServerMessage> send : sends) {
                sent.add(ok(send.get()).msg());
            }
            int allBytes = new JsonCodec().encodeFrame(new ServerMessage.History("x", sent)).length;
            assertTrue(allBytes > 3 * Limits.MAX_HISTORY_PAGE_BYTES, "the whole history would be " + allBytes + " bytes");

            TestClient reader = server.login("reader");
            List<ChatMessage> backwards = new ArrayList<>();
            Long before = null;
            ServerMessage.History page;
            int pages = 0;
            do {
                page = (ServerMessage.History) reader.request(new Request.History(reader.nextId(), "#general", before, null, 200));
                assertFalse(page.messages().isEmpty(), "a page that says more is never empty");
                backwards.addAll(0, page.messages());
                before = page.messages().get(0).id();
                pages++;
            } while (page.hasMore() && pages < MESSAGES);
            assertEquals(sent, backwards);
            assertTrue(pages >= 4, "pages: " + pages);
            assertTrue(reader.largestFrameBytes() <= Limits.MAX_HISTORY_PAGE_BYTES, "largest frame " + reader.largestFrameBytes());

            List<ChatMessage> forwards = new ArrayList<>();
            long after = 0;
            pages = 0;
            do {
                page = (ServerMessage.History) reader.request(new Request.History(reader.nextId(), "#general", null, after, 200));
                forwards.addAll(page.messages());
                after = forwards.isEmpty() ? 0 : forwards.get(forwards.size() - 1).id();
                pages++;
            } while (page.hasMore() && pages < MESSAGES);
            assertEquals(sent, forwards);
            assertTrue(reader.largestFrameBytes() <= Limits.MAX_HISTORY_PAGE_BYTES, "largest frame " + reader.largestFrameBytes());

            ok(reader.request(new Request.Send(reader.nextId(), "#general", "still chatting", null)));
            assertEquals("still chatting", writer.await(ServerMessage.MessagePush.class,
                    p -> p.msg().text().equals("still chatting")).msg().text());
        }
    }

    @Test
    void aPageCutByCountAlsoSaysMore() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            TestClient alice = server.login("alice");
            for (int i = 0; i < 3; i++) {
                ok(alice.request(new Request.Send(alice.nextId(), "#general", "m" + i, null)));
            }
            ServerMessage.History two = (ServerMessage.History) alice.request(new Request.History("a", "#general", null, null, 2));
            assertTrue(two.hasMore());
            ServerMessage.History three = (ServerMessage.History) alice.request(new Request.History("b", "#general", null, null, 3));
            assertFalse(three.hasMore());
            String wire = new String(new JsonCodec().encodeFrame(three), StandardCharsets.UTF_8);
            assertFalse(wire.contains("more"), "a complete page looks as it always did: " + wire);
        }
    }
}
