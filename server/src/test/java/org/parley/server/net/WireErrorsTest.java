package org.parley.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Limits;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.testing.ServerTestBase;
import org.parley.server.testing.TestClient;

/** Error replies to bad frames, against a real server over TLS: strict JSON, valid Unicode, the server's own words. */
class WireErrorsTest extends ServerTestBase {

    private static ServerMessage.Error errorFor(TestClient c, String re) throws InterruptedException {
        return c.await(ServerMessage.Error.class, e -> re.equals(e.re()));
    }

    @Test
    void tooLargeNamesTheLimitNotTheClientsBytes() throws Exception {
        TestClient c = server.connect();
        c.sendRaw("{\"type\":\"ping\",\"id\":\"" + "A".repeat(Limits.MAX_FRAME_BYTES_UNAUTHENTICATED) + "\"}");
        ServerMessage.Error tooLarge = c.await(ServerMessage.Error.class, e -> e.code() == ErrorCode.TOO_LARGE);
        // MINA's codec filter attaches a hex dump of the buffer (up to a 49 KB line); none of it may come back.
        assertEquals("frame exceeds " + Limits.MAX_FRAME_BYTES_UNAUTHENTICATED + " bytes", tooLarge.message());
        assertTrue(c.awaitClosed(TestClient.TIMEOUT));
    }

    /** Issue 15 item 14: the unsolicited TOO_LARGE used to overtake the replies to pipelined sends before it. */
    @Test
    void tooLargeComesAfterTheRepliesToEveryEarlierRequest() throws Exception {
        TestClient alice = server.login("alice");
        List<CompletableFuture<ServerMessage>> replies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            replies.add(alice.send(new Request.Send("p" + i, "#general", "before the flood " + i, "k-" + i)));
        }
        alice.sendBytes("x".repeat(Limits.MAX_FRAME_BYTES + 2).getBytes(StandardCharsets.US_ASCII));
        alice.await(ServerMessage.Error.class, e -> e.code() == ErrorCode.TOO_LARGE);
        // The reader hands frames over in arrival order, so a reply that came first is complete by now.
        for (CompletableFuture<ServerMessage> reply : replies) {
            assertTrue(reply.isDone(), "a reply arrived after TOO_LARGE, or never");
            assertInstanceOf(ServerMessage.Ok.class, reply.get());
        }
        assertTrue(alice.awaitClosed(TestClient.TIMEOUT));
        TestClient bob = server.login("bob");
        ServerMessage.History history = (ServerMessage.History) bob.request(new Request.History("h", "#general", null, null, null));
        assertEquals(3, history.messages().size(), "every acknowledged message is stored");
    }

    @Test
    void malformedJsonIsRefusedInTheServersOwnWords() throws Exception {
        TestClient c = server.connect();
        List<String> frames = List.of("{'type':'ping','id':'q1'}", "{\"type\":\"ping\",\"id\":\"q2\",\"n\":NaN}",
                "{\"type\":\"ping\",\"id\":\"q3\",\"id\":\"q3\"}", "{\"type\":\"ping\",\"id\":\"q4\"} trailing",
                "{\"type\":\"ping\",\"id\":\"q5\u0001\"}", "{\"type\":\"dance<b>\",\"id\":\"q6\"}");
        for (String frame : frames) {
            c.sendRaw(frame);
        }
        for (int i = 0; i < frames.size() - 1; i++) {
            ServerMessage.Error e = c.await(ServerMessage.Error.class, x -> x.code() == ErrorCode.BAD_REQUEST);
            assertTrue(e.message().startsWith("malformed JSON: "), e.message());
            assertNoInternals(e.message());
        }
        ServerMessage.Error unknown = errorFor(c, "q6");
        assertEquals(ErrorCode.UNKNOWN_TYPE, unknown.code());
        assertNoInternals(unknown.message());
        assertEquals(new ServerMessage.Pong("after"), c.request(new Request.Ping("after")), "the connection stays usable");
    }

    private static void assertNoInternals(String message) {
        for (String leak : List.of("gson", "strictness", "http", "troubleshooting", "path $", "<b>", "exception")) {
            assertFalse(message.toLowerCase(Locale.ROOT).contains(leak), () -> "'" + leak + "' in: " + message);
        }
    }

    /** Issue 15 item 9: both keys used to be stored as "?", so the second send silently returned the first message. */
    @Test
    void unpairedSurrogatesAreRefusedNotTurnedIntoQuestionMarks() throws Exception {
        TestClient alice = server.login("alice");
        alice.sendRaw("{\"type\":\"send\",\"id\":\"s1\",\"to\":\"#general\",\"text\":\"first\",\"key\":\"\\ud800\"}");
        alice.sendRaw("{\"type\":\"send\",\"id\":\"s2\",\"to\":\"#general\",\"text\":\"second\",\"key\":\"\\udbff\"}");
        alice.sendRaw("{\"type\":\"send\",\"id\":\"s3\",\"to\":\"#general\",\"text\":\"lone \\udc00\"}");
        for (String re : List.of("s1", "s2", "s3")) {
            ServerMessage.Error e = errorFor(alice, re);
            assertEquals(ErrorCode.BAD_REQUEST, e.code(), e.message());
            assertTrue(e.message().contains("not valid Unicode"), e.message());
        }
        ServerMessage.History history = (ServerMessage.History) alice.request(new Request.History("h", "#general", null, null, null));
        assertEquals(List.of(), history.messages(), "nothing refused is stored");
        String pair = "\uD83D\uDE00";
        ServerMessage.Ok ok = (ServerMessage.Ok) alice.request(new Request.Send("s4", "#general", pair, pair));
        assertEquals(pair, ok.msg().text(), "a valid surrogate pair is one character and stays intact");
    }
}
