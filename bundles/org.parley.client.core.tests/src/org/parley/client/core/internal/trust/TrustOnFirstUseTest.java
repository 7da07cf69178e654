package org.parley.client.core.internal.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.core.CertificateChangedException;
import org.parley.client.core.CertificateRejectedException;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.ParleyException;
import org.parley.client.core.ServerIdentity;
import org.parley.client.core.support.Await;
import org.parley.client.core.support.TestClients;
import org.parley.client.core.support.TestClients.Client;
import org.parley.testing.ServerFixture;

/** Trust on first use against real servers with their own self-signed certificates. */
class TrustOnFirstUseTest {
    @TempDir
    Path dir;
    private final TestClients clients = new TestClients();
    private final List<ServerFixture> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void cleanUp() {
        clients.close();
        servers.forEach(ServerFixture::close);
    }

    private ServerFixture start(String dataDir, int port) {
        ServerFixture server = ServerFixture.start(dir.resolve(dataDir), port);
        servers.add(server);
        return server;
    }

    @Test
    void firstContactAsksOnceAndRemembersTheFingerprint() {
        ServerFixture server = start("server", 0);
        Path state = dir.resolve("client");
        Client client = clients.open(state, TestClients.fastOptions());
        String user = TestClients.uniqueUser("tofu");

        Await.result(client.api().register(server.address(), user, TestClients.PASSWORD.toCharArray()));
        assertEquals(1, clients.prompted.size(), "asked on first contact");
        ServerIdentity shown = clients.prompted.get(0);
        assertEquals(server.address(), shown.address());
        assertEquals(server.fingerprint(), shown.sha256(), "the fingerprint the server printed");
        assertTrue(shown.subject().contains("CN="), shown.subject());
        assertTrue(shown.notBefore().isBefore(shown.notAfter()));
        assertEquals(server.fingerprint(), new KnownServers(state).lookup(server.address()).orElseThrow());
        assertTrue(readKnownServers(state).contains(server.address() + " " + server.fingerprint()));

        Await.result(client.api().login(server.address(), user, TestClients.PASSWORD.toCharArray()));
        Client again = clients.open(state, TestClients.fastOptions());
        Await.result(again.api().login(server.address(), user, TestClients.PASSWORD.toCharArray()));
        assertEquals(1, clients.prompted.size(), "a remembered server is not asked about again, even after a restart");
    }

    @Test
    void decliningRefusesTheConnectionAndRemembersNothing() {
        ServerFixture server = start("server", 0);
        Path state = dir.resolve("client");
        Client client = clients.open(state, TestClients.fastOptions());
        List<ServerIdentity> asked = new CopyOnWriteArrayList<>();
        client.api().setTrustPrompt(identity -> {
            asked.add(identity);
            return false;
        });

        ParleyException refused = Await.failure(client.api().login(server.address(), "nobody", TestClients.PASSWORD.toCharArray()));
        CertificateRejectedException rejected = assertInstanceOf(CertificateRejectedException.class, refused);
        assertFalse(refused instanceof CertificateChangedException);
        assertEquals(server.fingerprint(), rejected.identity().sha256());
        assertTrue(refused.getMessage().contains(server.fingerprint()), refused.getMessage());
        assertEquals(1, asked.size());
        assertEquals(ConnectionState.OFFLINE, client.api().state());
        assertTrue(new KnownServers(state).lookup(server.address()).isEmpty());

        client.api().setTrustPrompt(null); // the default declines without asking anyone
        assertInstanceOf(CertificateRejectedException.class,
                Await.failure(client.api().register(server.address(), "nobody", TestClients.PASSWORD.toCharArray())));
    }

    /**
     * The same host:port suddenly presents another certificate (a second server with its own key on the same port):
     * the live session refuses to resume, and a new login fails hard, naming host, old and new fingerprint. Only
     * an explicit forgetServer lets the user decide again.
     */
    @Test
    void aChangedCertificateIsAHardFailureOnReconnectAndOnLogin() {
        ServerFixture first = start("first", 0);
        Path state = dir.resolve("client");
        String user = TestClients.uniqueUser("pinned");
        Client client = clients.online(first.address(), state, user);
        int port = first.port();
        String oldFingerprint = first.fingerprint();

        first.stop();
        ServerFixture impostor = start("impostor", port);
        assertNotEquals(oldFingerprint, impostor.fingerprint());

        Await.until("the session gives up", () -> client.api().state() == ConnectionState.OFFLINE,
                () -> "states " + client.events().states());
        assertTrue(client.events().states().contains(ConnectionState.RECONNECTING), client.events().states().toString());
        Await.until("error event", () -> !client.events().errors().isEmpty());
        CertificateChangedException onReconnect = assertInstanceOf(CertificateChangedException.class,
                client.events().errors().get(0));
        assertEquals(oldFingerprint, onReconnect.knownSha256());
        assertEquals(impostor.fingerprint(), onReconnect.presentedSha256());

        ParleyException onLogin = Await.failure(client.api().login(impostor.address(), user, TestClients.PASSWORD.toCharArray()));
        assertInstanceOf(CertificateChangedException.class, onLogin);
        String message = onLogin.getMessage();
        assertTrue(message.contains("127.0.0.1:" + port), message);
        assertTrue(message.contains(oldFingerprint), message);
        assertTrue(message.contains(impostor.fingerprint()), message);
        assertEquals(1, clients.prompted.size(), "never asked about the changed certificate");
        assertEquals(oldFingerprint, new KnownServers(state).lookup(impostor.address()).orElseThrow(), "pin unchanged");

        client.api().forgetServer(impostor.address());
        Await.result(client.api().register(impostor.address(), user, TestClients.PASSWORD.toCharArray()));
        assertEquals(2, clients.prompted.size(), "asked again after forgetting");
        assertEquals(impostor.fingerprint(), new KnownServers(state).lookup(impostor.address()).orElseThrow());
    }

    private static String readKnownServers(Path state) {
        try {
            return Files.readString(state.resolve(KnownServers.FILE_NAME));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
