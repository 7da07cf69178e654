package org.parley.server.auth;

import static org.parley.server.testing.Replies.error;
import static org.parley.server.testing.Replies.ok;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.testing.ManualClock;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;

/** Resume tokens are persistent until they expire; an expired one is refused like any invalid token. */
class ResumeExpiryTest {
    @TempDir
    Path dir;

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        ManualClock clock = new ManualClock();
        try (TestServer server = TestServer.start(dir, c -> c.tokenLifetime(Duration.ofDays(30)).clock(clock))) {
            TestClient c = server.connect();
            TestServer.register(c, "alice");
            ServerMessage.Ok first = ok(c.request(new Request.Login("1", "alice", TestServer.PASSWORD)));
            c.close();
            TestClient d = server.connect();
            ServerMessage.Ok second = ok(d.request(new Request.Login("2", "alice", TestServer.PASSWORD)));
            d.close();
            clock.advance(Duration.ofDays(30).minusSeconds(1));
            ok(server.connect().request(new Request.Resume("3", first.resume())));
            clock.advance(Duration.ofSeconds(1));
            TestClient later = server.connect();
            error(ErrorCode.AUTH_FAILED, later.request(new Request.Resume("4", second.resume())));
        }
    }

    @Test
    void aTokenSurvivesARestart() throws Exception {
        String token;
        try (TestServer server = TestServer.start(dir)) {
            TestClient c = server.connect();
            TestServer.register(c, "alice");
            token = ok(c.request(new Request.Login("1", "alice", TestServer.PASSWORD))).resume();
        }
        try (TestServer server = TestServer.start(dir)) {
            TestClient c = server.connect();
            ok(c.request(new Request.Resume("2", token)));
        }
    }
}
