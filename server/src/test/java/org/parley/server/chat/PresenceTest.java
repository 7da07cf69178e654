package org.parley.server.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.server.testing.Replies.ok;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.ServerTestBase;

/** Presence: announced on a user's first session and after their last one ends, however it ends. */
class PresenceTest extends ServerTestBase {

    private static ServerMessage.Presence nextPresence(TestClient c) throws InterruptedException {
        return c.await(ServerMessage.Presence.class);
    }

    @Test
    void firstSessionAndLastSessionAreAnnouncedOnce() throws Exception {
        TestClient bob = server.login("bob");
        TestClient alice1 = server.login("alice");
        assertEquals(new ServerMessage.Presence("alice", true), nextPresence(bob));
        TestClient alice2 = server.login("alice");
        server.login("carol");
        assertEquals(new ServerMessage.Presence("carol", true), nextPresence(bob), "alice's second session was silent");
        assertEquals(new ServerMessage.Users("u", List.of("alice", "bob", "carol")), bob.request(new Request.Users("u")));

        alice1.abort();
        TestClient dave = server.login("dave");
        assertEquals(new ServerMessage.Presence("dave", true), nextPresence(bob), "alice is still online on her other session");
        alice2.abort();
        assertEquals(new ServerMessage.Presence("alice", false), nextPresence(bob));
        assertEquals(new ServerMessage.Users("v", List.of("bob", "carol", "dave")), bob.request(new Request.Users("v")));

        ok(dave.request(new Request.Logout("l")));
        assertEquals(new ServerMessage.Presence("dave", false), nextPresence(bob));
        dave.close();
    }

    @Test
    void abruptDisconnectOfManyClientsLeavesNobodyBehind() throws Exception {
        TestClient watcher = server.login("watcher");
        for (int i = 0; i < 20; i++) {
            TestClient c = server.login("user" + i);
            assertEquals(new ServerMessage.Presence("user" + i, true), nextPresence(watcher));
            c.abort();
            assertEquals(new ServerMessage.Presence("user" + i, false), nextPresence(watcher));
        }
        assertEquals(new ServerMessage.Users("u", List.of("watcher")), watcher.request(new Request.Users("u")));
    }
}
