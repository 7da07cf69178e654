package org.parley.client.core.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.parley.client.core.OutboxEntry;
import org.parley.client.core.support.Await;
import org.parley.client.core.support.ClientJvm;
import org.parley.client.core.support.ServerTestBase;
import org.parley.client.core.support.TestClients;
import org.parley.client.core.support.TestClients.Client;
import org.parley.protocol.ChatMessage;

/**
 * Problem 3 of issue 13: two Parley processes of one user share the state folder. Both queue messages for the same
 * account at the same time while the server is away, then quit; a third start of the client sends every one of them.
 * Before the fix each process rewrote the single {@code outbox.json} with only its own entries, so one process's
 * messages were lost.
 */
class TwoProcessOutboxTest extends ServerTestBase {
    private static final int PER_PROCESS = 40;

    @Test
    void twoProcessesQueueingAtOnceLoseNothing() throws Exception {
        String alice = TestClients.uniqueUser("alice");
        String room = "#" + TestClients.uniqueUser("two");
        Client setup = clients.online(server.address(), stateA, alice); // pins the server in the shared folder
        Await.result(setup.api().join(room));
        setup.api().close();

        try (ClientJvm one = child(alice, room, "one"); ClientJvm two = child(alice, room, "two")) {
            one.awaitLine("ONLINE");
            two.awaitLine("ONLINE");
            server.stop();
            one.awaitLine("RECONNECTING");
            two.awaitLine("RECONNECTING");
            one.tell("GO");
            two.tell("GO");
            one.awaitLine("QUEUED");
            two.awaitLine("QUEUED");
            assertEquals(0, one.exitCode(), one.output().toString());
            assertEquals(0, two.exitCode(), two.output().toString());
        }

        server.restart();
        Client again = clients.open(stateA, TestClients.fastOptions());
        Await.result(again.api().login(server.address(), alice, TestClients.PASSWORD.toCharArray()));
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < PER_PROCESS; i++) {
            expected.add("one " + i);
            expected.add("two " + i);
        }
        Await.until("all " + expected.size() + " queued messages sent", () -> again.api().outbox().stream()
                .filter(e -> e.status() == OutboxEntry.Status.SENT).count() == expected.size(),
                () -> "outbox " + again.api().outbox().stream().map(e -> e.text() + "=" + e.status()).toList());
        // A fresh connection reads the room: the sending one has used up its flood allowance for a moment.
        Client reader = clients.open(stateB, TestClients.fastOptions());
        Await.result(reader.api().login(server.address(), alice, TestClients.PASSWORD.toCharArray()));
        List<String> stored = texts(reader, room);
        assertTrue(stored.containsAll(expected), "in the room: " + stored);
        assertEquals(expected.size(), stored.size(), "each stored once");
        assertTrue(again.api().outbox().stream().noneMatch(e -> e.status() == OutboxEntry.Status.FAILED));
    }

    private ClientJvm child(String user, String room, String label) {
        return ClientJvm.start(QueueingClientMain.class, stateA.toString(), server.address().host(),
                Integer.toString(server.port()), user, TestClients.PASSWORD, room, label, Integer.toString(PER_PROCESS));
    }

    private static List<String> texts(Client client, String room) {
        return Await.result(client.api().history(room, null, 200)).stream().map(ChatMessage::text)
                .filter(t -> t.startsWith("one ") || t.startsWith("two ")).toList();
    }
}
