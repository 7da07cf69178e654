package org.parley.client.core.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.OutboxEntry;
import org.parley.client.core.support.Await;
import org.parley.client.core.support.TcpRelay;
import org.parley.client.core.support.ServerTestBase;
import org.parley.client.core.support.TestClients;
import org.parley.client.core.support.TestClients.Client;

/** Messages queued while the server is unreachable survive a client restart and are delivered once. */
class OutboxRestartTest extends ServerTestBase {

    @Test
    void pendingMessagesSurviveAClientRestart() throws IOException {
        try (TcpRelay relay = new TcpRelay(server.port())) {
            String aliceName = TestClients.uniqueUser("alice");
            Client alice = clients.online(relay.address(), stateA, aliceName);
            Client bob = clients.online(server.address(), stateB, TestClients.uniqueUser("bob"));
            String room = "#r" + TestClients.uniqueUser("ob");
            Await.result(alice.api().join(room));
            Await.result(bob.api().join(room));

            relay.refuse(true);
            relay.cutAll();
            Await.until("RECONNECTING", () -> alice.api().state() == ConnectionState.RECONNECTING);
            OutboxEntry first = alice.api().send(room, "written offline 1");
            OutboxEntry second = alice.api().send("@" + bob.api().user().orElseThrow(), "written offline 2");
            assertEquals(List.of(first, second), alice.api().outbox());
            alice.api().close(); // the workbench quits while offline

            Path folder = new OutboxStore(stateA).folder(Outbox.account(aliceName, relay.address()));
            assertTrue(Files.readString(folder.resolve(first.key() + ".json")).contains("written offline 1"));
            assertTrue(Files.readString(folder.resolve(second.key() + ".json")).contains("written offline 2"));

            relay.refuse(false);
            Client restarted = clients.open(stateA, TestClients.fastOptions());
            assertTrue(restarted.api().outbox().isEmpty(), "entries belong to an account; none before login");
            Await.result(restarted.api().login(relay.address(), aliceName, TestClients.PASSWORD.toCharArray()));
            Await.until("both SENT", () -> !restarted.events().outbox(first.key(), OutboxEntry.Status.SENT).isEmpty()
                    && !restarted.events().outbox(second.key(), OutboxEntry.Status.SENT).isEmpty());
            Await.until("bob got both", () -> bob.events().count("written offline 1") == 1
                    && bob.events().count("written offline 2") == 1);
            assertEquals(1, Await.result(bob.api().history(room, null, 50)).stream()
                    .filter(m -> m.text().equals("written offline 1")).count());
            assertTrue(restarted.api().outbox().stream().allMatch(e -> e.status() == OutboxEntry.Status.SENT));
            assertTrue(!Files.exists(folder.resolve(first.key() + ".json")), "sent entries leave the outbox folder");
        }
    }
}
