package org.parley.client.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.OutboxEntry;
import org.parley.client.core.support.Await;
import org.parley.client.core.support.RelayedServerTestBase;
import org.parley.client.core.support.TestClients;
import org.parley.client.core.support.TestClients.Client;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Limits;

/**
 * A reply that arrives after logout belongs to the session that ended, not to the next one. Here the acknowledgement
 * of alice's last send reaches her client only after {@code logout} has ended the session (the relay holds the
 * server's bytes back meanwhile). Her next session is on a fresh server, whose ids start again: bob's message with the
 * same id as that late acknowledgement must still be shown, not dropped as "already seen". (The UI tests hit this:
 * a test sent a message and logged out at once; the next test's first message from bob never appeared.)
 */
class LateReplyAfterLogoutTest extends RelayedServerTestBase {
    @TempDir
    Path otherServerDir;

    @Test
    void anAcknowledgementAfterLogoutDoesNotHideTheNextSessionsMessages() {
        String aliceName = TestClients.uniqueUser("alice");
        Client alice = clients.online(relay.address(), stateA, aliceName);

        relay.holdServerBytesOnOpenConnections();
        OutboxEntry last = alice.api().send(Limits.GENERAL_ROOM, "sent just before logging out");
        var loggedOut = alice.api().logout();
        Await.until("the session has ended", () -> alice.api().state() == ConnectionState.OFFLINE);
        relay.releaseServerBytes(); // the send's ok, then the logout's: both after the session ended
        Await.result(loggedOut);
        Await.until("the late acknowledgement still marks the entry SENT (it is stored)",
                () -> !alice.events().outbox(last.key(), OutboxEntry.Status.SENT).isEmpty());
        long lateId = alice.events().outbox(last.key(), OutboxEntry.Status.SENT).get(0).message().id();

        try (var other = org.parley.testing.ServerFixture.start(otherServerDir.resolve("data"))) {
            Await.result(alice.api().register(other.address(), aliceName, TestClients.PASSWORD.toCharArray()));
            Await.result(alice.api().login(other.address(), aliceName, TestClients.PASSWORD.toCharArray()));
            Client bob = clients.online(other.address(), stateB, TestClients.uniqueUser("bob"));
            // A fresh server numbers from the start: bob's messages reach the late acknowledgement's id.
            List<String> texts = IntStream.rangeClosed(1, (int) lateId).mapToObj(i -> "bob " + i).toList();
            texts.forEach(text -> bob.api().send(Limits.GENERAL_ROOM, text));
            Await.until("bob has all his messages back", () -> texts.stream().allMatch(t -> bob.events().count(t) == 1));
            List<Long> bobIds = bob.events().messages().stream().map(r -> r.message().id()).toList();
            assertTrue(bobIds.contains(lateId), "one of bob's ids is the late acknowledgement's " + lateId + ": " + bobIds);

            Await.until("alice is shown every message bob sent", () -> texts.stream().allMatch(t -> alice.events().count(t) == 1),
                    () -> "alice got " + alice.events().messages().stream().map(r -> r.message())
                            .map(ChatMessage::id).toList() + ", bob sent " + bobIds);
            assertEquals(0, alice.events().count("sent just before logging out"),
                    "a message of the ended session is not announced to the next one");
        }
    }
}
