package org.parley.server.abuse;

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
import org.parley.server.ServerConfig;
import org.parley.server.audit.SecurityLog;
import org.parley.server.testing.ManualClock;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;

/**
 * Registration is throttled per address with the production default (10, then 10 an hour), and answering
 * USERNAME_TAKEN costs the same as creating an account, so the server is no fast oracle for which names exist.
 */
class RegisterFloodTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private final List<String> securityLines = new CopyOnWriteArrayList<>();

    @Test
    void aRegistrationFloodIsCutOffWhileOthersRegisterAndChat() throws Exception {
        ServerConfig defaults = new ServerConfig();
        try (TestServer server = TestServer.start(dir, c -> c.clock(clock)
                .registerThrottle(defaults.registerBurst(), defaults.registerPerHour())
                .securityLog(new SecurityLog(0, System::nanoTime, securityLines::add)))) {
            TestClient flooder = server.connectFrom("127.0.0.2");
            for (int i = 0; i < defaults.registerBurst(); i++) {
                ok(flooder.request(new Request.Register(flooder.nextId(), "bot" + i, TestServer.PASSWORD)));
            }
            ServerMessage.Error limited = error(ErrorCode.RATE_LIMITED,
                    flooder.request(new Request.Register(flooder.nextId(), "bot-extra", TestServer.PASSWORD)));
            assertTrue(limited.retryAfterMs() > 0 && limited.retryAfterMs() <= 6 * 60_000, limited.toString());
            error(ErrorCode.RATE_LIMITED, flooder.request(new Request.Register(flooder.nextId(), "bot0", TestServer.PASSWORD)));
            assertTrue(securityLines.stream().anyMatch(l -> l.startsWith("security register-throttled from 127.0.0.2: ")),
                    securityLines::toString);

            TestClient carol = server.connect();
            ok(carol.request(new Request.Register(carol.nextId(), "carol", TestServer.PASSWORD)));
            ok(carol.request(new Request.Login(carol.nextId(), "carol", TestServer.PASSWORD)));
            ok(carol.request(new Request.Send(carol.nextId(), "#general", "hello", null)));

            clock.advance(Duration.ofMinutes(6)); // 10 an hour: one more every 6 minutes
            ok(flooder.request(new Request.Register(flooder.nextId(), "bot-later", TestServer.PASSWORD)));
            error(ErrorCode.RATE_LIMITED, flooder.request(new Request.Register(flooder.nextId(), "bot-more", TestServer.PASSWORD)));
        }
    }

    @Test
    void probingForTakenNamesCostsLikeRegistering() throws Exception {
        try (TestServer server = TestServer.start(dir, c -> c.clock(clock).registerThrottle(3, 10))) {
            TestServer.register(server.connect(), "alice");
            TestClient prober = server.connectFrom("127.0.0.2");
            for (int i = 0; i < 3; i++) {
                error(ErrorCode.USERNAME_TAKEN, prober.request(new Request.Register(prober.nextId(), "alice", TestServer.PASSWORD)));
            }
            error(ErrorCode.RATE_LIMITED, prober.request(new Request.Register(prober.nextId(), "alice", TestServer.PASSWORD)));
        }
    }
}
