package org.parley.client.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.client.core.ConnectionLostException;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.OutboxEntry;
import org.parley.client.core.ParleyException;
import org.parley.client.core.support.Await;
import org.parley.client.core.support.RelayedServerTestBase;
import org.parley.client.core.support.TestClients;
import org.parley.client.core.support.TestClients.Client;

/**
 * The reconnect switch against the real server: with it off a cut link ends the session (OFFLINE, a
 * {@link ConnectionLostException}) instead of retrying, and what was queued survives for the next login.
 */
class ReconnectSwitchTest extends RelayedServerTestBase {
    private Client bob;
    private String room;

    @BeforeEach
    void bobInARoom() throws Exception {
        bob = clients.online(server.address(), stateB, TestClients.uniqueUser("bob"));
        room = "#r" + TestClients.uniqueUser("sw");
        Await.result(bob.api().join(room));
    }

    @Test
    void withReconnectOffALostLinkGoesOfflineAndTheOutboxWaitsForTheNextLogin() {
        String name = TestClients.uniqueUser("alice");
        Client alice = clients.online(relay.address(), stateA, name, TestClients.fastOptions().withReconnect(false));
        assertFalse(alice.api().reconnect());
        Await.result(alice.api().join(room));

        // The server stores the message but its acknowledgement never arrives, so the entry is still PENDING when the
        // link goes: exactly the entry that must survive the end of the session.
        relay.dropServerBytesOnOpenConnections();
        OutboxEntry entry = alice.api().send(room, "sent before the cut");
        Await.until("the server stored it", () -> bob.events().count("sent before the cut") == 1);
        relay.cutAll();

        Await.until("OFFLINE", () -> alice.api().state() == ConnectionState.OFFLINE,
                () -> "states " + alice.events().states());
        Await.until("the reason is reported", () -> !alice.events().errors().isEmpty());
        ParleyException reason = alice.events().errors().get(0);
        assertInstanceOf(ConnectionLostException.class, reason, reason.toString());
        assertEquals(relay.address(), ((ConnectionLostException) reason).server());
        assertFalse(alice.events().states().contains(ConnectionState.RECONNECTING), "never retried");
        assertTrue(alice.events().outbox(entry.key(), OutboxEntry.Status.SENT).isEmpty(), "not acknowledged yet");

        Await.result(alice.api().login(relay.address(), name, TestClients.PASSWORD.toCharArray()));
        Await.until("the kept entry goes out after the login",
                () -> !alice.events().outbox(entry.key(), OutboxEntry.Status.SENT).isEmpty(),
                () -> "outbox events " + alice.events().outbox());
        long atServer = Await.result(bob.api().history(room, null, 200)).stream()
                .filter(m -> m.text().equals("sent before the cut")).count();
        assertEquals(1, atServer, "the same idempotency key, so no duplicate");
        assertEquals(List.of(), alice.events().wrongThreads());
    }

    @Test
    void turningReconnectOffWhileRetryingEndsTheSessionAndOnAgainRetries() {
        String name = TestClients.uniqueUser("alice");
        Client alice = clients.online(relay.address(), stateA, name);
        assertTrue(alice.api().reconnect(), "on by default");
        relay.refuse(true);
        relay.cutAll();
        Await.until("RECONNECTING", () -> alice.api().state() == ConnectionState.RECONNECTING);

        alice.api().setReconnect(false);
        Await.until("OFFLINE", () -> alice.api().state() == ConnectionState.OFFLINE);
        Await.until("the reason is reported", () -> !alice.events().errors().isEmpty());
        assertInstanceOf(ConnectionLostException.class, alice.events().errors().get(0));

        alice.api().setReconnect(true);
        relay.refuse(false);
        // The error came after OFFLINE on the same listener, so every state so far is recorded.
        int beforeLogin = alice.events().states().size();
        Await.result(alice.api().login(relay.address(), name, TestClients.PASSWORD.toCharArray()));
        Await.until("CONNECTING, ONLINE recorded", () -> alice.events().states().size() == beforeLogin + 2);
        relay.cutAll();
        Await.until("ONLINE again after retrying", () -> {
            List<ConnectionState> states = alice.events().states();
            return states.subList(beforeLogin + 2, states.size())
                    .equals(List.of(ConnectionState.RECONNECTING, ConnectionState.ONLINE));
        }, () -> "states " + alice.events().states());
    }
}
