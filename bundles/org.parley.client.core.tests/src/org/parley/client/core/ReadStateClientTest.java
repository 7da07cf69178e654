package org.parley.client.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.core.support.Await;
import org.parley.client.core.support.ServerTestBase;
import org.parley.client.core.support.TestClients;
import org.parley.client.core.support.TestClients.Client;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.ErrorCode;

/** Unread and mention counts in the client core, kept in step across two sessions of one user by a real server. */
class ReadStateClientTest extends ServerTestBase {
    @TempDir
    Path stateC;

    private static Client login(Client c, String user) {
        Await.result(c.api().login(server.address(), user, TestClients.PASSWORD.toCharArray()));
        return c;
    }

    @Test
    void offlineMentionCountsAtLoginAndReadingOnOneDeviceClearsTheOther() {
        String bobName = TestClients.uniqueUser("bob");
        Client phone = clients.online(server.address(), stateB, bobName);
        Await.result(phone.api().logout());
        Client alice = clients.online(server.address(), stateA, TestClients.uniqueUser("alice"));
        String bobKey = "@" + bobName.toLowerCase();
        String aliceKey = "@" + alice.api().user().orElseThrow().toLowerCase();
        String key = alice.api().send(bobKey, "hi @" + bobName + ", are you there?").key();
        Await.until("alice's message stored", () -> !alice.events().outbox(key, OutboxEntry.Status.SENT).isEmpty());

        login(phone, bobName);
        Await.until("the offline message counted at login, with its mention",
                () -> new UnreadCount(0, 1, 1).equals(phone.api().unreadCounts().get(aliceKey)),
                () -> phone.api().unreadCounts().toString());
        Client desk = login(clients.open(stateC, TestClients.fastOptions()), bobName);
        Await.until("the second session has the same counts",
                () -> new UnreadCount(0, 1, 1).equals(desk.api().unreadCounts().get(aliceKey)));

        alice.api().send(bobKey, "second");
        Await.until("a live message counts on both devices",
                () -> desk.api().unreadCounts().get(aliceKey).unread() == 2
                        && phone.api().unreadCounts().get(aliceKey).unread() == 2);
        ChatMessage newest = Await.result(phone.api().history(aliceKey, null, 10)).get(1);
        Await.result(phone.api().markRead(aliceKey, newest.id()));
        assertEquals(new UnreadCount(newest.id(), 0, 0), phone.api().unreadCounts().get(aliceKey));
        Await.until("the other device's badge clears through the push",
                () -> new UnreadCount(newest.id(), 0, 0).equals(desk.api().unreadCounts().get(aliceKey)),
                () -> desk.api().unreadCounts().toString());

        assertEquals(ErrorCode.NO_SUCH_MESSAGE, Await.failure(desk.api().markRead("#general", newest.id())).code());
        assertEquals(java.util.List.of(), phone.events().wrongThreads());
    }

    @Test
    void searchFindsAMessageAndHistoryOpensTheConversationThere() {
        String word = "w" + TestClients.uniqueUser("x").toLowerCase().replaceAll("[^a-z0-9]", "");
        Client alice = clients.online(server.address(), stateA, TestClients.uniqueUser("alice"));
        String key = alice.api().send("#general", "find " + word + " here").key();
        Await.until("stored", () -> !alice.events().outbox(key, OutboxEntry.Status.SENT).isEmpty());
        alice.api().send("#general", "later");

        SearchPage page = Await.result(alice.api().search(word.toUpperCase(), null, null, 10));
        assertEquals(1, page.results().size());
        SearchPage.Result hit = page.results().get(0);
        assertEquals("#general", hit.conversation());
        ChatMessage there = Await.result(alice.api().history(hit.conversation(), hit.message().id() + 1, 1)).get(0);
        assertEquals(hit.message(), there, "history before id + 1 ends at the match");
        assertEquals(ErrorCode.BAD_REQUEST, Await.failure(alice.api().search("\" *", null, null, 10)).code());
    }
}
