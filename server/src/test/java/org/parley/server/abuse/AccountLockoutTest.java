package org.parley.server.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.error;
import static org.parley.server.testing.Replies.ok;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.audit.SecurityLog;
import org.parley.server.testing.ManualClock;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;

/**
 * Guessing at someone's password must not lock them out: a guesser is slowed down on the accounts it guesses at,
 * from its own address, while the owner keeps logging in and chatting. Peers are told apart by their source
 * address (127.0.0.x, all loopback on Linux).
 */
class AccountLockoutTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private final List<String> securityLines = new CopyOnWriteArrayList<>();

    private TestServer start(int accountCeilingPerHour) throws Exception {
        return TestServer.start(dir, c -> c.clock(clock).loginAccountCeiling(accountCeilingPerHour)
                .securityLog(new SecurityLog(0, System::nanoTime, securityLines::add)));
    }

    private static ServerMessage guess(TestClient c, String account) throws Exception {
        return c.request(new Request.Login(c.nextId(), account, "wrong password"));
    }

    @Test
    void guessesFromAnotherAddressDoNotRefuseTheOwner() throws Exception {
        try (TestServer server = start(100)) {
            TestServer.register(server.connect(), "alice");
            TestClient attacker = server.connectFrom("127.0.0.2");
            for (int i = 0; i < 5; i++) {
                error(ErrorCode.AUTH_FAILED, guess(attacker, "alice"));
            }
            ServerMessage.Error limited = error(ErrorCode.RATE_LIMITED, guess(attacker, "alice"));
            assertTrue(limited.retryAfterMs() > 0 && limited.retryAfterMs() <= 60_000, limited.toString());
            error(ErrorCode.RATE_LIMITED, attacker.request(new Request.Login(attacker.nextId(), "alice", TestServer.PASSWORD)));

            TestClient alice = server.connect();
            ok(alice.request(new Request.Login(alice.nextId(), "alice", TestServer.PASSWORD)));
            ok(alice.request(new Request.Send(alice.nextId(), "#general", "still here", null)));

            clock.advance(Duration.ofMinutes(1));
            error(ErrorCode.AUTH_FAILED, guess(attacker, "alice"));
            error(ErrorCode.RATE_LIMITED, guess(attacker, "alice"));
            assertTrue(securityLines.stream().anyMatch(l -> l.startsWith("security login-failed from 127.0.0.2: ")), securityLines::toString);
            assertTrue(securityLines.stream().anyMatch(l -> l.startsWith("security login-throttled from 127.0.0.2: ")),
                    securityLines::toString);
        }
    }

    @Test
    void guessesSpreadOverManyAddressesHitTheAccountCeilingButNotTheOwnersKnownAddress() throws Exception {
        try (TestServer server = start(8)) {
            TestServer.register(server.connect(), "alice");
            TestClient earlier = server.connect();
            ok(earlier.request(new Request.Login(earlier.nextId(), "alice", TestServer.PASSWORD)));
            earlier.close();
            for (int host = 2; host <= 5; host++) {
                TestClient attacker = server.connectFrom("127.0.0." + host);
                error(ErrorCode.AUTH_FAILED, guess(attacker, "alice"));
                error(ErrorCode.AUTH_FAILED, guess(attacker, "alice"));
            }
            TestClient fresh = server.connectFrom("127.0.0.9");
            ServerMessage.Error ceiling = error(ErrorCode.RATE_LIMITED, guess(fresh, "alice"));
            assertTrue(ceiling.retryAfterMs() > 0, ceiling.toString());

            TestClient alice = server.connect();
            ok(alice.request(new Request.Login(alice.nextId(), "alice", TestServer.PASSWORD)));
            ok(alice.request(new Request.Send(alice.nextId(), "#general", "from my usual place", null)));

            clock.advance(Duration.ofMinutes(8)); // the ceiling recovers 8 an hour: one every 7.5 minutes
            error(ErrorCode.AUTH_FAILED, guess(fresh, "alice"));
        }
    }

    @Test
    void guessesAtOtherAccountsLeaveTheAddressUsable() throws Exception {
        try (TestServer server = start(100)) {
            TestServer.register(server.connect(), "bob");
            TestClient attacker = server.connectFrom("127.0.0.2");
            for (int i = 0; i < 5; i++) {
                error(ErrorCode.AUTH_FAILED, guess(attacker, "alice-" + i));
            }
            TestClient bob = server.connectFrom("127.0.0.2");
            assertEquals("bob", ok(bob.request(new Request.Login(bob.nextId(), "bob", TestServer.PASSWORD))).user(),
                    "guesses at other accounts from the same address leave bob's pair untouched");
        }
    }
}
