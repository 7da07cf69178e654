package org.parley.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.error;
import static org.parley.server.testing.Replies.ok;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.audit.SecurityLog;
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
    void aNameSentToLogInCannotForgeLogLines() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (TestServer server = TestServer.start(dir, c -> c.securityLog(new SecurityLog(0, System::nanoTime, lines::add)))) {
            TestClient c = server.connect();
            String forged = "x'\nsecurity login-failed from 10.0.0.1: forged " + "y".repeat(3000);
            error(ErrorCode.AUTH_FAILED, c.request(new Request.Login(c.nextId(), forged, "wrong password")));
            assertEquals(1, lines.size(), lines::toString);
            assertFalse(lines.get(0).contains("\n"), lines.get(0));
            assertTrue(lines.get(0).length() < 200, "the name is cut short: " + lines.get(0).length());
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

    @Test
    void aLoginTurnedAwayBecauseHashingIsBusyDoesNotCountAgainstTheAccount() throws Exception {
        HashParams slow = new HashParams(32 * 1024, 3, 1);
        int accountBurst = 2;
        try (TestServer server = TestServer.start(dir,
                c -> c.hashParams(slow).hashThreads(1).hashQueue(1).loginThrottle(accountBurst, 1, 10_000, 10_000))) {
            server.login("alice").close();
            // Other people's logins keep the single hashing thread and its one-place queue full: each logs in
            // (right password, so never throttled) and out again as soon as it is answered...
            AtomicBoolean storming = new AtomicBoolean(true);
            List<CompletableFuture<Void>> stormers = new ArrayList<>();
            List<TestClient> others = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                TestClient other = server.connect();
                TestServer.register(other, "other" + i);
                others.add(other);
            }
            for (int i = 0; i < others.size(); i++) {
                stormers.add(keepLoggingIn(others.get(i), "other" + i, storming));
            }
            // ...while alice, with the right password, is told to come back more often than her account's budget.
            int busy = 0;
            for (int attempt = 0; attempt < 200 && busy <= accountBurst; attempt++) {
                TestClient a = server.connect();
                ServerMessage reply = a.request(new Request.Login(a.nextId(), "alice", TestServer.PASSWORD));
                if (reply instanceof ServerMessage.Error e && e.code() == ErrorCode.RATE_LIMITED && e.message().contains("busy")) {
                    busy++;
                }
                a.close();
            }
            storming.set(false);
            for (CompletableFuture<Void> stormer : stormers) {
                stormer.get();
            }
            assertEquals(accountBurst + 1, busy, "alice was turned away for busy hashing more often than her budget");
            TestClient a = server.connect();
            ok(a.request(new Request.Login(a.nextId(), "alice", TestServer.PASSWORD)));
        }
    }

    /** Logs in and out again and again on one connection until {@code going} turns false. */
    private static CompletableFuture<Void> keepLoggingIn(TestClient client, String user, AtomicBoolean going) {
        try {
            return client.send(new Request.Login(client.nextId(), user, TestServer.PASSWORD)).thenCompose(reply -> {
                try {
                    CompletableFuture<ServerMessage> out = reply instanceof ServerMessage.Ok
                            ? client.send(new Request.Logout(client.nextId()))
                            : CompletableFuture.completedFuture(reply);
                    return out.thenCompose(x -> going.get() ? keepLoggingIn(client, user, going) : CompletableFuture.completedFuture(null));
                } catch (IOException e) {
                    return CompletableFuture.failedFuture(e);
                }
            });
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
