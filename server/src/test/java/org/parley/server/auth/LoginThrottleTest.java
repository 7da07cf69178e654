package org.parley.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.error;
import static org.parley.server.testing.Replies.ok;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;

/** Login throttling per account and per address, and the bounded hashing pool. */
class LoginThrottleTest {
    @TempDir
    Path dir;

    @Test
    void anAccountIsThrottledAfterRepeatedFailuresWhetherOrNotItExists() throws Exception {
        try (TestServer server = TestServer.start(dir, c -> c.loginThrottle(3, 1, 100, 100))) {
            TestClient c = server.connect();
            TestServer.register(c, "alice");
            for (String account : List.of("alice", "ghost")) {
                for (int i = 0; i < 3; i++) {
                    error(ErrorCode.AUTH_FAILED, c.request(new Request.Login(c.nextId(), account, "wrong password")));
                }
                ServerMessage.Error limited = error(ErrorCode.RATE_LIMITED,
                        c.request(new Request.Login(c.nextId(), account, TestServer.PASSWORD)));
                assertTrue(limited.retryAfterMs() > 0);
            }
            TestServer.register(c, "bob");
            ok(c.request(new Request.Login(c.nextId(), "bob", TestServer.PASSWORD)));
        }
    }

    @Test
    void successfulLoginsDoNotCountAgainstTheAddress() throws Exception {
        try (TestServer server = TestServer.start(dir, c -> c.loginThrottle(100, 100, 3, 1))) {
            for (int i = 0; i < 10; i++) {
                server.login("user" + i).close();
            }
            TestClient c = server.connect();
            for (int i = 0; i < 3; i++) {
                error(ErrorCode.AUTH_FAILED, c.request(new Request.Login(c.nextId(), "user" + i, "wrong password")));
            }
            error(ErrorCode.RATE_LIMITED, c.request(new Request.Login(c.nextId(), "user9", TestServer.PASSWORD)));
            error(ErrorCode.RATE_LIMITED, c.request(new Request.Resume(c.nextId(), "some-token")));
        }
    }

    @Test
    void aLoginStormIsShedWhileChatGoesOn() throws Exception {
        HashParams slow = new HashParams(32 * 1024, 3, 1);
        try (TestServer server = TestServer.start(dir, c -> c.hashParams(slow).hashThreads(1).hashQueue(1))) {
            TestClient alice = server.login("alice");
            TestClient bob = server.login("bob");
            List<TestClient> stormers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                stormers.add(server.connect());
            }
            List<CompletableFuture<ServerMessage>> replies = new ArrayList<>();
            for (TestClient s : stormers) {
                replies.add(s.send(new Request.Login(s.nextId(), "alice", "wrong password " + s.hashCode())));
            }
            ok(alice.request(new Request.Send("1", "#general", "chat goes on", null)));
            assertEquals("chat goes on", bob.await(ServerMessage.MessagePush.class).msg().text());
            int busy = 0;
            for (CompletableFuture<ServerMessage> reply : replies) {
                ServerMessage.Error e = (ServerMessage.Error) reply.get();
                assertTrue(e.code() == ErrorCode.AUTH_FAILED || e.code() == ErrorCode.RATE_LIMITED, e.toString());
                busy += e.code() == ErrorCode.RATE_LIMITED ? 1 : 0;
            }
            assertTrue(busy > 0, "with one hashing thread and a queue of one, most of the storm is refused");
        }
    }
}
