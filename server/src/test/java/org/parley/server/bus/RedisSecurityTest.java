package org.parley.server.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.ok;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.ExitCode;
import org.parley.server.StartupException;
import org.parley.server.store.pg.PgTarget;
import org.parley.server.testing.TestCertificate;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestPostgres;
import org.parley.server.testing.TestRedis;
import org.parley.server.testing.TestServer;
import org.parley.server.testing.TwoNodes;

/**
 * The bus on a Redis that wants a password and speaks only TLS (real redis-server, certificate made per run): nodes
 * with the password and the certificate chat across; a wrong or missing password, an untrusted certificate or plain
 * TCP to the TLS port are one-line startup faults with their exit codes, never showing the password.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisSecurityTest {
    private static final String PASSWORD = "s3cret-bus";
    private static TestPostgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void postgres() throws Exception {
        pg = TestPostgres.shared(); // databases of its own: the JVM's one server serves
    }

    private StartupException refused(BusTarget bus) throws Exception {
        String url = pg.url(pg.createDatabase());
        return assertThrows(StartupException.class, () -> TestServer.start(dir.resolve("refused"),
                c -> c.store(PgTarget.parse(url)).nodeId("x").bus(bus)).close());
    }

    @Test
    void nodesWithThePasswordAndTheCertificateChatAcrossTls() throws Exception {
        try (TestRedis redis = TestRedis.secured(PASSWORD, dir.resolve("tls"))) {
            try (TwoNodes nodes = TwoNodes.start(pg, dir, redis, c -> { })) {
                TestClient alice = nodes.a().login("alice");
                TestClient bob = nodes.b().login("bob");
                ChatMessage sent = ok(bob.request(new Request.Send(bob.nextId(), "#general", "over tls", "k1"))).msg();
                assertEquals(sent, alice.await(ServerMessage.MessagePush.class, p -> p.msg().text().equals("over tls")).msg());
            }
        }
    }

    @Test
    void aWrongOrMissingPasswordIsRefusedWithoutShowingIt() throws Exception {
        try (TestRedis redis = TestRedis.secured(PASSWORD, dir.resolve("tls"))) {
            BusTarget right = redis.target();
            BusTarget wrong = new BusTarget(right.host(), right.port(), true, null, "not-it".toCharArray(), right.trustedCas());
            StartupException e = refused(wrong);
            assertEquals(ExitCode.BUS_REFUSED, e.exitCode());
            assertTrue(e.getMessage().startsWith("Redis at rediss://127.0.0.1:" + right.port() + " refused the login: "),
                    e.getMessage());
            assertFalse(e.getMessage().contains("not-it"), "never the password: " + e.getMessage());

            BusTarget none = new BusTarget(right.host(), right.port(), true, null, null, right.trustedCas());
            StartupException missing = refused(none);
            assertEquals(ExitCode.BUS_REFUSED, missing.exitCode());
            assertTrue(missing.getMessage().contains("NOAUTH"), missing.getMessage());
        }
    }

    @Test
    void anUntrustedCertificateOrPlainTcpToTheTlsPortIsUnreachable() throws Exception {
        try (TestRedis redis = TestRedis.secured(PASSWORD, dir.resolve("tls"))) {
            BusTarget right = redis.target();
            Path stranger = TestCertificate.create(dir.resolve("other"), "other").certificatePem();
            StartupException untrusted = refused(right.withTrustedCas(stranger));
            assertEquals(ExitCode.BUS_UNREACHABLE, untrusted.exitCode());
            assertTrue(untrusted.getMessage().startsWith("Redis at rediss://127.0.0.1:" + right.port() + " unreachable: "),
                    untrusted.getMessage());
            assertTrue(untrusted.getMessage().contains("certificate not trusted or not made for 127.0.0.1"), untrusted.getMessage());

            BusTarget plain = new BusTarget(right.host(), right.port(), false, null, PASSWORD.toCharArray(), null);
            StartupException cleartext = refused(plain);
            assertEquals(ExitCode.BUS_UNREACHABLE, cleartext.exitCode());
            assertFalse(cleartext.getMessage().contains(PASSWORD), cleartext.getMessage());
        }
    }

    @Test
    void aCaFileThatIsNoCertificateIsAUsageFault() throws Exception {
        Path junk = dir.resolve("junk.pem");
        java.nio.file.Files.writeString(junk, "not a certificate\n");
        StartupException e = refused(new BusTarget("127.0.0.1", 1, true, null, null, junk));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("--bus-ca " + junk), e.getMessage());
    }
}
