package org.parley.server.auth;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.parley.server.testing.Replies.error;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;

/**
 * With the free-space watermark above any disk's free space, growing writes are refused with UNAVAILABLE; such a
 * refusal is not a failed attempt, so retrying through it never runs into the login throttle.
 */
class StorageRefusalTest {
    private static final int ADDRESS_BURST = 3;

    @TempDir
    Path dir;

    @Test
    void registrationsRefusedForLackOfSpaceDoNotCountAsFailedAttempts() throws Exception {
        try (TestServer server = TestServer.start(dir, c -> c.loginThrottle(5, 1, ADDRESS_BURST, 1))) {
            server.login("alice").close();
        }
        try (TestServer server = TestServer.start(dir, c -> c.loginThrottle(5, 1, ADDRESS_BURST, 1)
                .minFreeSpaceBytes(Long.MAX_VALUE))) {
            TestClient c = server.connect();
            for (int i = 0; i < ADDRESS_BURST * 2; i++) {
                error(ErrorCode.UNAVAILABLE, c.request(new Request.Register(c.nextId(), "carol", TestServer.PASSWORD)));
            }
            assertInstanceOf(ServerMessage.Ok.class, c.request(new Request.Login(c.nextId(), "alice", TestServer.PASSWORD)),
                    "logins go on below the watermark");
            error(ErrorCode.UNAVAILABLE, c.request(new Request.Send(c.nextId(), "#general", "hi", "k1")));
            error(ErrorCode.UNAVAILABLE, c.request(new Request.Join(c.nextId(), "#new")));
            assertInstanceOf(ServerMessage.History.class, c.request(new Request.History(c.nextId(), "#general", null, null, null)),
                    "reading goes on below the watermark");
        }
    }
}
