package org.parley.client.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.Conversations;
import org.parley.client.core.OutboxEntry;
import org.parley.client.core.ParleyListener;
import org.parley.client.core.UnreadCount;
import org.parley.client.core.support.Await;
import org.parley.client.core.support.RelayedServerTestBase;
import org.parley.client.core.support.TestClients;
import org.parley.client.core.support.TestClients.Client;

/**
 * The pictures fetched after login, the {@code unread} counts and the {@code watch} reply, belong to the session that
 * asked. Here alice's session ends (logout) before those replies reach her client, and carol logs in on the same
 * client meanwhile; when alice's replies finally come they must not replace carol's counts or her online users.
 *
 * <p>The replies are made late deterministically: a listener running on the session thread itself (executor
 * {@code Runnable::run}) holds the relay's server bytes back when the session goes ONLINE, which happens after the
 * login's {@code ok} was read and before the session sends {@code watch} and {@code unread}.
 */
class LateRefreshAfterLogoutTest extends RelayedServerTestBase {
    @TempDir
    Path stateC;
    /** One client: alice's session on it ends, carol's comes next. */
    private Client shared;
    private String aliceName;
    private String carolName;

    @BeforeEach
    void twoUsersOfOneClient() {
        aliceName = TestClients.uniqueUser("alice");
        carolName = TestClients.uniqueUser("carol");
        shared = clients.open(stateA, TestClients.fastOptions());
        register(aliceName);
        register(carolName);
    }

    @Test
    void lateUnreadCountsOfAnEndedSessionDoNotReplaceTheNextOnes() {
        Client bob = clients.online(server.address(), stateB, TestClients.uniqueUser("bob"));
        sendStored(bob, aliceName, "alice, one");
        sendStored(bob, aliceName, "alice, two");
        sendStored(bob, carolName, "carol, one");

        CompletableFuture<Void> aliceLoggedOut = loginWithLateRepliesThenLogOut();
        Map<String, UnreadCount> carolsCounts = carolsCountsFrom(bob);

        relay.releaseServerBytes();
        // The logout's ok follows the unread reply on alice's link, and replies are handled in order on the session
        // thread: once logout completes, the late reply has been handled.
        Await.result(aliceLoggedOut);
        assertEquals(carolsCounts, shared.api().unreadCounts(),
                "alice's late counts (2 unread from bob) are not shown in carol's session");
    }

    @Test
    void aLateReadAcknowledgementOfAnEndedSessionDoesNotClearTheNextOnesCounts() {
        Client bob = clients.online(server.address(), stateB, TestClients.uniqueUser("bob"));
        sendStored(bob, carolName, "carol, one");
        sendStored(bob, aliceName, "alice, one"); // after carol's: read up to it would clear hers too

        Await.result(shared.api().login(relay.address(), aliceName, TestClients.PASSWORD.toCharArray()));
        String bobKey = keyOf(bob);
        long newest = Await.result(shared.api().history(bobKey, null, 1)).get(0).id();
        relay.holdServerBytesOnOpenConnections();
        CompletableFuture<Void> read = shared.api().markRead(bobKey, newest);
        CompletableFuture<Void> aliceLoggedOut = logOut();
        Map<String, UnreadCount> carolsCounts = carolsCountsFrom(bob);

        relay.releaseServerBytes();
        Await.result(read);
        Await.result(aliceLoggedOut); // the read's ok came first on alice's link: it has been handled
        assertEquals(carolsCounts, shared.api().unreadCounts(), "alice's late read does not clear carol's badge");
    }

    @Test
    void aLateWatchReplyOfAnEndedSessionDoesNotChangeTheNextOnesOnlineUsers() {
        String daveName = TestClients.uniqueUser("dave");
        String erinName = TestClients.uniqueUser("erin");
        shared.api().watchPresence("test", List.of(daveName, erinName));
        Client dave = clients.online(server.address(), stateB, daveName);

        CompletableFuture<Void> aliceLoggedOut = loginWithLateRepliesThenLogOut(); // its picture: dave online
        Await.result(dave.api().logout());
        clients.online(server.address(), stateC, erinName);
        Await.result(shared.api().login(server.address(), carolName, TestClients.PASSWORD.toCharArray()));
        Await.until("carol's session sees erin online", () -> shared.api().isOnline(erinName));
        assertFalse(shared.api().isOnline(daveName), "dave logged out before carol's session watched him");

        relay.releaseServerBytes();
        Await.result(aliceLoggedOut); // as above: the late watch reply has been handled
        assertTrue(shared.api().isOnline(erinName), "alice's late picture does not take erin offline");
        assertFalse(shared.api().isOnline(daveName), "alice's late picture does not bring dave back");
    }

    private void register(String user) {
        Await.result(shared.api().register(server.address(), user, TestClients.PASSWORD.toCharArray()));
    }

    private static String keyOf(Client user) {
        return Conversations.key("@" + user.api().user().orElseThrow());
    }

    private static void sendStored(Client from, String to, String text) {
        String key = from.api().send(Conversations.key("@" + to), text).key();
        Await.until("'" + text + "' stored", () -> !from.events().outbox(key, OutboxEntry.Status.SENT).isEmpty());
    }

    /** Logs carol in (not through the relay) and returns her counts once her one unread message from bob is in. */
    private Map<String, UnreadCount> carolsCountsFrom(Client bob) {
        Await.result(shared.api().login(server.address(), carolName, TestClients.PASSWORD.toCharArray()));
        Await.until("carol's session has her own counts",
                () -> new UnreadCount(0, 1, 0).equals(shared.api().unreadCounts().get(keyOf(bob))),
                () -> shared.api().unreadCounts().toString());
        return shared.api().unreadCounts();
    }

    /**
     * Logs alice in through the relay with the server's replies after the login's {@code ok} held back, then logs
     * out; returns the logout, which completes once the held replies are released.
     */
    private CompletableFuture<Void> loginWithLateRepliesThenLogOut() {
        AtomicBoolean held = new AtomicBoolean();
        var holder = shared.api().addListener(new ParleyListener() {
            @Override
            public void stateChanged(ConnectionState state) {
                if (state == ConnectionState.ONLINE && held.compareAndSet(false, true)) {
                    relay.holdServerBytesOnOpenConnections();
                }
            }
        }, Runnable::run);
        Await.result(shared.api().login(relay.address(), aliceName, TestClients.PASSWORD.toCharArray()));
        holder.close();
        assertTrue(held.get(), "the replies after the login's ok are held back");
        return logOut();
    }

    private CompletableFuture<Void> logOut() {
        CompletableFuture<Void> loggedOut = shared.api().logout();
        Await.until("alice's session has ended", () -> shared.api().state() == ConnectionState.OFFLINE);
        return loggedOut;
    }
}
