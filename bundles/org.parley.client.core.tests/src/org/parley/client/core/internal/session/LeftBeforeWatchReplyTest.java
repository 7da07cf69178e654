package org.parley.client.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.core.UsersPage;
import org.parley.client.core.support.Await;
import org.parley.client.core.support.Recorder.Presence;
import org.parley.client.core.support.RelayedServerTestBase;
import org.parley.client.core.support.TestClients;
import org.parley.client.core.support.TestClients.Client;

/**
 * A user listed by a {@code users} page (as the Online Users view lists people) who logs out before the client's
 * {@code watch} for him reaches the server: no {@code presence} push comes for him (he left before he was watched),
 * so the {@code watch} reply, which leaves him out, is the only word that he is gone, and the client must report it,
 * or the view keeps showing him online.
 *
 * <p>The order is made deterministic with the relay: alice's requests are held back after the page arrived, so her
 * {@code watch} reaches the server only after carol's logout was acknowledged.
 */
class LeftBeforeWatchReplyTest extends RelayedServerTestBase {
    @TempDir
    Path stateC;

    @Test
    void aListedUserWhoLeftBeforeTheWatchReplyIsReportedOffline() {
        Client alice = clients.online(relay.address(), stateA, TestClients.uniqueUser("alice"));
        String carolName = TestClients.uniqueUser("carol");
        Client carol = clients.online(server.address(), stateB, carolName);

        UsersPage page = Await.result(alice.api().onlineUsers(null, 200));
        assertTrue(page.users().contains(carolName), "the page lists carol: " + page);
        relay.holdClientBytesOnOpenConnections();
        alice.api().watchPresence("view", page.users()); // the watch waits in the relay
        Await.result(carol.api().logout()); // the server has taken carol offline: nobody watched her yet
        relay.releaseClientBytes();

        Await.until("alice's client reports carol, shown online by the page, offline",
                () -> alice.events().presence().contains(new Presence(carolName, false)),
                () -> alice.events().presence().toString());
        assertFalse(alice.api().isOnline(carolName));

        String daveName = TestClients.uniqueUser("dave");
        clients.online(server.address(), stateC, daveName); // after the page: only the next watch covers him
        List<String> more = new ArrayList<>(page.users());
        more.add(daveName);
        alice.api().watchPresence("view", more);
        // A reply reports who is offline before who is online: once dave is reported, the whole reply has been.
        Await.until("dave reported online", () -> alice.events().presence().contains(new Presence(daveName, true)));
        assertEquals(1, alice.events().presence().stream().filter(p -> p.user().equals(carolName)).count(),
                "carol, already reported offline, is not reported again by the next watch reply: "
                        + alice.events().presence());
        assertEquals(List.of(), alice.events().wrongThreads());
    }
}
