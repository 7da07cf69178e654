package org.parley.client.core.internal.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.core.CertificateRejectedException;
import org.parley.client.core.ServerAddress;
import org.parley.client.core.ServerIdentity;
import org.parley.client.core.support.Await;
import org.parley.client.core.support.TestCertificates;
import org.parley.client.core.support.TestClients;
import org.parley.client.core.support.TestClients.Client;
import org.parley.testing.ServerFixture;

/** A server whose certificate chains to a trusted CA needs no prompt - but only under the name it was issued for. */
class CaTrustTest {
    @TempDir
    Path dir;
    private final TestClients clients = new TestClients();
    private ServerFixture server;

    @AfterEach
    void cleanUp() {
        clients.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void caSignedCertificateIsAcceptedWithoutPromptOnlyForItsHostName() {
        TestCertificates certificates = new TestCertificates(dir);
        certificates.create();
        server = ServerFixture.startWithKeystore(dir.resolve("data"), certificates.serverKeystore(), TestCertificates.PASSWORD);
        Path state = dir.resolve("client");
        Client client = clients.open(state, TestClients.fastOptions().withCaTrustStore(certificates.caTrustStore()));
        List<ServerIdentity> asked = new CopyOnWriteArrayList<>();
        client.api().setTrustPrompt(identity -> {
            asked.add(identity);
            return false;
        });

        String user = TestClients.uniqueUser("ca");
        Await.result(client.api().register(server.address(), user, TestClients.PASSWORD.toCharArray()));
        Await.result(client.api().login(server.address(), user, TestClients.PASSWORD.toCharArray()));
        assertTrue(asked.isEmpty(), "no prompt for a CA-signed certificate");
        assertTrue(new KnownServers(state).lookup(server.address()).isEmpty(), "nothing pinned");
        Await.result(client.api().logout());

        // Same certificate, but reached as "localhost": the CA vouches for 127.0.0.1 only, so this is an unknown server.
        ServerAddress otherName = new ServerAddress("localhost", server.port());
        assertInstanceOf(CertificateRejectedException.class,
                Await.failure(client.api().login(otherName, user, TestClients.PASSWORD.toCharArray())));
        assertEquals(1, asked.size());
        assertEquals(server.fingerprint(), asked.get(0).sha256());
    }
}
