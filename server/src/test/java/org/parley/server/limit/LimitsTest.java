package org.parley.server.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.error;
import static org.parley.server.testing.Replies.ok;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.auth.HashParams;
import org.parley.server.testing.ManualClock;
import org.parley.server.testing.RawSockets;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;

/** Frame limits and flood control: the offender hears a clear error, everyone else keeps chatting. */
class LimitsTest {
    @TempDir
    Path dir;

    /** A syntactically valid request of exactly {@code bytes} UTF-8 bytes (newline excluded). */
    private static String frameOf(int bytes) {
        String head = "{\"type\":\"ping\",\"id\":\"big\",\"pad\":\"";
        String tail = "\"}";
        return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
    }

    @Test
    void frameLimitIs4KiBBeforeLoginAnd64KiBAfter() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            TestClient anonymous = server.connect();
            anonymous.sendRaw(frameOf(4096));
            assertEquals(new ServerMessage.Pong("big"), anonymous.await(ServerMessage.Pong.class));
            anonymous.sendRaw(frameOf(4097));
            error(ErrorCode.TOO_LARGE, anonymous.await(ServerMessage.Error.class));
            assertTrue(anonymous.awaitClosed(TestClient.TIMEOUT), "an oversized frame closes the connection");

            TestClient alice = server.login("alice");
            TestClient bob = server.login("bob");
            alice.sendRaw(frameOf(64 * 1024));
            assertEquals(new ServerMessage.Pong("big"), alice.await(ServerMessage.Pong.class));
            String text = "\u20AC".repeat(4000);
            assertTrue(text.getBytes(StandardCharsets.UTF_8).length > 4096);
            ok(alice.request(new Request.Send("s", "#general", text, null)));
            alice.sendRaw(frameOf(64 * 1024 + 1));
            error(ErrorCode.TOO_LARGE, alice.await(ServerMessage.Error.class));
            assertTrue(alice.awaitClosed(TestClient.TIMEOUT));
            assertEquals(text, bob.await(ServerMessage.MessagePush.class).msg().text());
            ok(bob.request(new Request.Send("t", "#general", "still here", null)));

            ok(bob.request(new Request.Logout("u")));
            bob.sendRaw(frameOf(4097));
            assertTrue(bob.awaitClosed(TestClient.TIMEOUT), "logout restores the pre-login limit");
        }
    }

    @Test
    void anOversizedFrameWithoutNewlineIsRefusedEarly() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            TestClient c = server.connect();
            c.sendBytes("x".repeat(5000).getBytes(StandardCharsets.UTF_8));
            error(ErrorCode.TOO_LARGE, c.await(ServerMessage.Error.class));
            assertTrue(c.awaitClosed(TestClient.TIMEOUT));
        }
    }

    @Test
    void floodControlLimitsOnlyTheFlooder() throws Exception {
        ManualClock clock = new ManualClock();
        try (TestServer server = TestServer.start(dir, c -> c.flood(5, 2).clock(clock))) {
            TestClient flooder = server.login("flooder");
            TestClient calm = server.login("calm");
            List<CompletableFuture<ServerMessage>> replies = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                replies.add(flooder.send(new Request.Send(flooder.nextId(), "#general", "spam " + i, null)));
            }
            long limited = 0;
            long retryAfter = 0;
            for (CompletableFuture<ServerMessage> reply : replies) {
                ServerMessage m = reply.get();
                if (m instanceof ServerMessage.Error e && e.code() == ErrorCode.RATE_LIMITED) {
                    limited++;
                    retryAfter = Math.max(retryAfter, e.retryAfterMs());
                } else {
                    ok(m);
                }
            }
            assertTrue(limited >= 20, "most of the burst was refused: " + limited);
            assertTrue(retryAfter > 0, "RATE_LIMITED says when to retry");
            ok(calm.request(new Request.Send("c", "#general", "unaffected", null)));
            error(ErrorCode.RATE_LIMITED, flooder.request(new Request.Send("e", "#general", "too early", null)));
            clock.advance(Duration.ofMillis(retryAfter));
            ok(flooder.request(new Request.Send("f", "#general", "after waiting", null)));
        }
    }

    @Test
    void aLongPipelinedBurstIsAnsweredAndTheConnectionSurvives() throws Exception {
        try (TestServer server = TestServer.start(dir, c -> c.flood(10_000, 10_000))) {
            TestClient c = server.login("pipeliner");
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 2000; i++) {
                burst.append("{\"type\":\"history\",\"id\":\"h").append(i).append("\",\"with\":\"#general\"}\n");
            }
            c.sendBytes(burst.toString().getBytes(StandardCharsets.UTF_8));
            assertEquals(new ServerMessage.Pong("last"), c.request(new Request.Ping("last")));
            assertFalse(c.awaitClosed(Duration.ZERO));
        }
    }

    @Test
    void unauthenticatedIdleConnectionsAreClosed() throws Exception {
        try (TestServer server = TestServer.start(dir, c -> c.timeouts(1, 30, 30))) {
            TestClient alice = server.login("alice");
            TestClient lurker = server.connect();
            ServerMessage.Error bye = error(ErrorCode.NOT_AUTHENTICATED, lurker.await(ServerMessage.Error.class));
            assertNull(bye.re());
            assertTrue(lurker.awaitClosed(TestClient.TIMEOUT));
            // Alice connected first, and one timer thread runs the deadlines in order: hers was due before the
            // lurker's, so by now it has passed without closing her. No sleep needed to get past it.
            assertFalse(alice.awaitClosed(Duration.ZERO), "a logged-in user may idle");
            assertEquals(new ServerMessage.Pong("p"), alice.request(new Request.Ping("p")), "a logged-in user may idle");
        }
    }

    @Test
    void aLoginWaitingForItsHashIsNotClosedAsIdle() throws Exception {
        // Each hash takes well over the 1 s idle limit, and the second login waits behind the first.
        HashParams slow = new HashParams(64 * 1024, 12, 1);
        try (TestServer server = TestServer.start(dir, c -> c.timeouts(1, 30, 30).hashParams(slow).hashThreads(1))) {
            TestClient first = server.connect();
            TestClient second = server.connect();
            CompletableFuture<ServerMessage> one = first.send(new Request.Register("1", "alice", TestServer.PASSWORD));
            CompletableFuture<ServerMessage> two = second.send(new Request.Register("2", "bob", TestServer.PASSWORD));
            // Without the fix the server closes both as idle while they wait, and these replies never come.
            ok(one.get());
            ok(two.get());
        }
    }

    @Test
    void connectionsStuckInTheHandshakeAreClosed() throws Exception {
        try (TestServer server = TestServer.start(dir, c -> c.timeouts(1, 30, 30));
             Socket raw = new Socket(server.server().address().getAddress(), server.server().address().getPort())) {
            raw.getOutputStream().write(new byte[] {0x16, 0x03, 0x01});
            raw.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
            assertTrue(RawSockets.hungUp(raw), "the server hung up on a half-open handshake");
        }
    }

    @Test
    void deadPeersAreDetectedByPing() throws Exception {
        try (TestServer server = TestServer.start(dir, c -> c.timeouts(30, 1, 1))) {
            TestClient watcher = server.login("watcher");
            watcher.watch("deaf");
            TestClient deaf = server.login("deaf");
            deaf.answerPings(false);
            assertInstanceOf(ServerMessage.Ping.class, deaf.await(ServerMessage.Ping.class));
            assertTrue(deaf.awaitClosed(TestClient.TIMEOUT), "no answer to the ping: connection closed");
            assertEquals(new ServerMessage.Presence("deaf", false),
                    watcher.await(ServerMessage.Presence.class, p -> p.user().equals("deaf") && !p.online()));
            watcher.await(ServerMessage.Ping.class);
            watcher.await(ServerMessage.Ping.class);
            assertEquals(new ServerMessage.Pong("p"), watcher.request(new Request.Ping("p")), "answering pings keeps it open");
        }
    }
}
