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
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;

/** Resume tokens are persistent until they expire; an expired one is refused like any invalid token. */
class ResumeExpiryTest {
    @TempDir
    Path dir;

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        try (TestServer server = TestServer.start(dir, c -> c.tokenLifetime(Duration.ofMillis(200)))) {
            TestClient c = server.connect();
            TestServer.register(c, "alice");
            ServerMessage.Ok login = ok(c.request(new Request.Login("1", "alice", TestServer.PASSWORD)));
            c.close();
            Thread.sleep(400);
            TestClient later = server.connect();
            error(ErrorCode.AUTH_FAILED, later.request(new Request.Resume("2", login.resume())));
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
