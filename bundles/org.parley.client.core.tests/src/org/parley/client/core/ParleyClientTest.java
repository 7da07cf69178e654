package org.parley.client.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.parley.client.core.support.Await;
import org.parley.client.core.support.Recorder.Presence;
import org.parley.client.core.support.ServerTestBase;
import org.parley.client.core.support.TestClients;
import org.parley.client.core.support.TestClients.Client;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.RoomInfo;

/** Every request of the API and every event, against one real server over TLS. */
class ParleyClientTest extends ServerTestBase {

    @Test
    void registerLoginLogoutWithStatesAndServerErrors() {
        String name = TestClients.uniqueUser("Ann");
        Client c = clients.open(stateA, TestClients.fastOptions());
        ParleyClient api = c.api();
        assertEquals(ConnectionState.OFFLINE, api.state());

        Await.result(api.register(server.address(), name, TestClients.PASSWORD.toCharArray()));
        assertEquals(ConnectionState.OFFLINE, api.state(), "register does not log in");
        ParleyException taken = Await.failure(api.register(server.address(), name, TestClients.PASSWORD.toCharArray()));
        assertEquals(ErrorCode.USERNAME_TAKEN, taken.code());
        assertEquals(ErrorCode.INVALID_USERNAME,
                Await.failure(api.register(server.address(), "x", TestClients.PASSWORD.toCharArray())).code());
        assertEquals(ErrorCode.WEAK_PASSWORD,
                Await.failure(api.register(server.address(), name + "w", "short".toCharArray())).code());

        ParleyException wrong = Await.failure(api.login(server.address(), name, "wrong-password".toCharArray()));
        assertEquals(ErrorCode.AUTH_FAILED, wrong.code());
        assertNotNull(wrong.getMessage());
        assertEquals(ConnectionState.OFFLINE, api.state());

        assertEquals(name, Await.result(api.login(server.address(), name.toLowerCase(), TestClients.PASSWORD.toCharArray())),
                "the server's spelling of the user name");
        assertEquals(ConnectionState.ONLINE, api.state());
        assertEquals(name, api.user().orElseThrow());
        assertEquals(server.address(), api.server().orElseThrow());
        assertEquals(server.address().nodes().get(0), api.node().orElseThrow());
        assertInstanceOf(ParleyException.class,
                Await.failure(api.login(server.address(), name, TestClients.PASSWORD.toCharArray())), "one session at a time");

        Await.result(api.logout());
        assertEquals(ConnectionState.OFFLINE, api.state());
        assertTrue(api.user().isEmpty());
        assertTrue(api.node().isEmpty(), "no node in use after logout");
        Await.until("state events", () -> c.events().states().size() >= 5);
        assertEquals(List.of(ConnectionState.CONNECTING, ConnectionState.OFFLINE, ConnectionState.CONNECTING,
                ConnectionState.ONLINE, ConnectionState.OFFLINE), c.events().states());
        assertEquals(List.of(), c.events().wrongThreads());
    }

    @Test
    void usersRoomsJoinLeaveAndPresence() {
        Client alice = clients.online(server.address(), stateA, TestClients.uniqueUser("alice"));
        String bobName = TestClients.uniqueUser("bob");
        String carolName = TestClients.uniqueUser("carol");
        alice.api().watchPresence("test", List.of(bobName));
        Client bob = clients.online(server.address(), stateB, bobName);

        Await.until("alice hears bob come online",
                () -> alice.events().presence().contains(new Presence(bobName, true)));
        assertTrue(alice.api().isOnline(bobName));
        List<String> online = Await.result(alice.api().onlineUsers());
        assertTrue(online.containsAll(List.of(alice.api().user().orElseThrow(), bobName)), online.toString());
        UsersPage first = Await.result(alice.api().onlineUsers(null, 1));
        assertEquals(1, first.users().size());
        assertTrue(first.more() || online.size() == 1, first.toString());
        UsersPage rest = Await.result(alice.api().onlineUsers(first.users().get(0), 500));
        assertFalse(rest.users().contains(first.users().get(0)), rest.toString());
        // Other tests' users (bob_N_1x beside bob_N_1) may be online too: only what starts with the prefix may come.
        UsersPage bobs = Await.result(alice.api().onlineUsersStartingWith(bobName.toUpperCase(), null, 500));
        assertTrue(bobs.users().contains(bobName), bobs.toString());
        assertTrue(bobs.users().stream().allMatch(u -> u.toLowerCase().startsWith(bobName.toLowerCase())), bobs.toString());
        assertThrows(IllegalArgumentException.class, () -> alice.api().onlineUsersStartingWith("bob smith", null, 5));

        clients.online(server.address(), stateB.resolve("carol"), carolName);
        alice.api().watchPresence("other", List.of(carolName));
        Await.until("watching carol, who is online already, reports her",
                () -> alice.events().presence().contains(new Presence(carolName, true)));
        alice.api().watchPresence("other", List.of());
        Await.until("carol no longer watched", () -> !alice.api().isOnline(carolName));
        assertTrue(alice.api().isOnline(bobName), "another owner's users stay watched");

        List<RoomInfo> rooms = Await.result(alice.api().rooms());
        assertTrue(rooms.stream().anyMatch(r -> r.name().equals("#general") && r.joined()), rooms.toString());

        String room = "#r" + TestClients.uniqueUser("t");
        Await.result(alice.api().join(room));
        assertTrue(Await.result(alice.api().rooms()).stream().anyMatch(r -> r.name().equals(room) && r.joined()));
        Await.result(alice.api().leave(room));
        assertFalse(Await.result(alice.api().rooms()).stream().anyMatch(r -> r.name().equals(room) && r.joined()));
        assertEquals(ErrorCode.NOT_A_MEMBER, Await.failure(alice.api().leave(room)).code());
        assertEquals(ErrorCode.BAD_REQUEST, Await.failure(alice.api().leave("#general")).code());

        Await.result(bob.api().logout());
        Await.until("alice hears bob go offline",
                () -> alice.events().presence().contains(new Presence(bobName, false)));
        assertEquals(List.of(), alice.events().wrongThreads());
    }

    @Test
    void sendToRoomAndPersonThroughTheOutbox() {
        Client alice = clients.online(server.address(), stateA, TestClients.uniqueUser("alice"));
        Client bob = clients.online(server.address(), stateB, TestClients.uniqueUser("bob"));
        String aliceName = alice.api().user().orElseThrow();
        String bobName = bob.api().user().orElseThrow();
        String room = "#r" + TestClients.uniqueUser("s");
        Await.result(alice.api().join(room));
        Await.result(bob.api().join(room));

        OutboxEntry entry = alice.api().send(room, "hello room");
        assertEquals(OutboxEntry.Status.PENDING, entry.status());
        Await.until("bob receives the room message", () -> bob.events().count("hello room") == 1);
        Await.until("alice's entry is SENT", () -> !alice.events().outbox(entry.key(), OutboxEntry.Status.SENT).isEmpty());
        ChatMessage stored = alice.events().outbox(entry.key(), OutboxEntry.Status.SENT).get(0).message();
        ChatMessage atBob = bob.events().messagesWith(r -> r.message().text().equals("hello room")).get(0).message();
        assertEquals(stored, atBob);
        assertEquals(room, bob.events().messagesWith(r -> r.message().id() == stored.id()).get(0).conversation());
        Await.until("alice is shown her own message once", () -> alice.events().count("hello room") == 1);

        alice.api().send("@" + bobName, "psst");
        Await.until("bob receives the private message", () -> bob.events().count("psst") == 1);
        assertEquals(Conversations.key("@" + aliceName), bob.events().messagesWith(r -> r.message().text().equals("psst")).get(0).conversation());
        Await.until("alice sees it in her conversation with bob", () -> alice.events().count("psst") == 1);
        assertEquals(Conversations.key("@" + bobName), alice.events().messagesWith(r -> r.message().text().equals("psst")).get(0).conversation());

        assertTrue(alice.api().outbox().stream().anyMatch(e -> e.key().equals(entry.key()) && e.status() == OutboxEntry.Status.SENT));
        assertEquals(List.of(), alice.events().wrongThreads());
        assertEquals(List.of(), bob.events().wrongThreads());
    }

    @Test
    void refusedSendFailsWithReasonAndCanBeRetriedOrDiscarded() {
        Client alice = clients.online(server.address(), stateA, TestClients.uniqueUser("alice"));
        OutboxEntry entry = alice.api().send("@" + TestClients.uniqueUser("nobody"), "anyone there?");
        Await.until("FAILED", () -> !alice.events().outbox(entry.key(), OutboxEntry.Status.FAILED).isEmpty());
        OutboxEntry failed = alice.events().outbox(entry.key(), OutboxEntry.Status.FAILED).get(0);
        assertTrue(failed.failure().contains(ErrorCode.NO_SUCH_USER.name()), failed.failure());

        alice.api().retry(entry.key());
        Await.until("PENDING again, then FAILED again",
                () -> alice.events().outbox(entry.key(), OutboxEntry.Status.FAILED).size() == 2);
        assertEquals(2, alice.events().outbox(entry.key(), OutboxEntry.Status.PENDING).size());

        alice.api().discard(entry.key());
        Await.until("DISCARDED", () -> !alice.events().outbox(entry.key(), OutboxEntry.Status.DISCARDED).isEmpty());
        assertTrue(alice.api().outbox().stream().noneMatch(e -> e.key().equals(entry.key())));
        assertThrows(IllegalArgumentException.class, () -> alice.api().send("#general", ""));
        assertThrows(IllegalArgumentException.class, () -> alice.api().send("general", "no prefix"));
        assertThrows(IllegalArgumentException.class, () -> alice.api().send("#general", "x".repeat(4001)));
    }

    @Test
    void historyPagesBackwards() {
        Client alice = clients.online(server.address(), stateA, TestClients.uniqueUser("alice"));
        String room = "#r" + TestClients.uniqueUser("h");
        Await.result(alice.api().join(room));
        for (int i = 1; i <= 5; i++) {
            alice.api().send(room, "m" + i);
        }
        Await.until("all five stored", () -> alice.events().outbox().stream()
                .filter(e -> e.status() == OutboxEntry.Status.SENT).count() == 5);

        List<ChatMessage> newest = Await.result(alice.api().history(room, null, 2));
        assertEquals(List.of("m4", "m5"), newest.stream().map(ChatMessage::text).toList(), "newest page, oldest first");
        List<ChatMessage> older = Await.result(alice.api().history(room, newest.get(0).id(), 2));
        assertEquals(List.of("m2", "m3"), older.stream().map(ChatMessage::text).toList());
        List<ChatMessage> oldest = Await.result(alice.api().history(room, older.get(0).id(), 2));
        assertEquals(List.of("m1"), oldest.stream().map(ChatMessage::text).toList());
        ErrorCode notThere = Await.failure(alice.api().history("#not-joined-" + System.nanoTime(), null, 5)).code();
        assertTrue(notThere == ErrorCode.NOT_A_MEMBER || notThere == ErrorCode.NO_SUCH_ROOM, String.valueOf(notThere));
    }

    @Test
    void requestsNeedASessionAndAnUnreachableServerIsTyped() {
        Client c = clients.open(stateA, TestClients.fastOptions());
        assertInstanceOf(NotConnectedException.class, Await.failure(c.api().rooms()));
        assertInstanceOf(NotConnectedException.class, Await.failure(c.api().onlineUsers()));
        assertThrows(NotConnectedException.class, () -> c.api().send("#general", "hi"));
        assertTrue(c.api().outbox().isEmpty());

        ServerAddress nowhere = new ServerAddress("127.0.0.1", freePort());
        ParleyException unreachable = Await.failure(c.api().login(nowhere, "someone", TestClients.PASSWORD.toCharArray()));
        assertInstanceOf(ServerUnreachableException.class, unreachable);
        assertTrue(unreachable.getMessage().contains(nowhere.toString()), unreachable.getMessage());
        assertEquals(ConnectionState.OFFLINE, c.api().state());
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
