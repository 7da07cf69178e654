package org.parley.client.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.OutboxEntry;
import org.parley.client.core.support.Await;
import org.parley.client.core.support.TestClients;
import org.parley.client.core.support.TestClients.Client;
import org.parley.testing.ServerFixture;

/**
 * A server whose disk is below its free-space watermark answers a send {@code UNAVAILABLE}: nothing was stored,
 * try again later. The outbox keeps such a message PENDING and sends it again with its key once the server takes
 * writes, instead of marking it FAILED for the user to resend by hand.
 */
class StorageRefusalRetryTest {
    /** Far more than any disk here has free: every send is refused for want of space. */
    private static final String NO_ROOM = "1000000G";

    @TempDir
    Path serverDir;
    @TempDir
    Path state;
    private final TestClients clients = new TestClients();
    private ServerFixture server;

    @AfterEach
    void stop() {
        clients.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSendRefusedForStorageStaysPendingAndIsSentOnceTheServerHasRoom() {
        Path data = serverDir.resolve("data");
        server = ServerFixture.start(data);
        int port = server.port();
        String user = TestClients.uniqueUser("alice");
        Client alice = clients.online(server.address(), state, user);

        server.close();
        server = ServerFixture.start(data, port, "--min-free-space", NO_ROOM);
        Await.until("alice back on the full server", () -> alice.api().state() == ConnectionState.ONLINE
                && alice.events().states().contains(ConnectionState.RECONNECTING));
        OutboxEntry sent = alice.api().send("#general", "stored once the disk has room");
        ServerFixture full = server;
        Await.until("the server refused it for want of space",
                () -> full.output().stream().anyMatch(line -> line.contains("below the minimum")));
        // A graceful stop still answers the request in flight: alice reads the refusal before the connection ends.
        server.close();
        assertEquals(List.of(), alice.events().outbox(sent.key(), OutboxEntry.Status.FAILED), "not failed: retryable");

        server = ServerFixture.start(data, port);
        Await.until("sent once the server takes writes",
                () -> !alice.events().outbox(sent.key(), OutboxEntry.Status.SENT).isEmpty());
        assertEquals(List.of(), alice.events().outbox(sent.key(), OutboxEntry.Status.FAILED));
        assertEquals(1, Await.result(alice.api().history("#general", null, 200)).stream()
                .filter(m -> m.text().equals("stored once the disk has room")).count());
    }
}
