package org.parley.client.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.Conversations;
import org.parley.client.core.OutboxEntry;
import org.parley.client.core.RequestTimeoutException;
import org.parley.client.core.support.Await;
import org.parley.client.core.support.TcpRelay;
import org.parley.client.core.support.Recorder;
import org.parley.client.core.support.RelayedServerTestBase;
import org.parley.client.core.support.TestClients;
import org.parley.client.core.support.TestClients.Client;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.RoomInfo;

/**
 * Forced disconnects against the real server: alice talks to it through a {@link TcpRelay} the test can cut or
 * refuse, bob directly. After every outage alice must resume without a password, show what she missed exactly once
 * and deliver what she queued exactly once.
 */
class ReconnectTest extends RelayedServerTestBase {
    private Client alice;
    private Client bob;
    private String room;

    @BeforeEach
    void aliceBehindRelayBobDirect() throws Exception {
        alice = clients.online(relay.address(), stateA, TestClients.uniqueUser("alice"));
        bob = clients.online(server.address(), stateB, TestClients.uniqueUser("bob"));
        room = "#r" + TestClients.uniqueUser("re");
        Await.result(alice.api().join(room));
        Await.result(bob.api().join(room));
        alice.api().openConversation("@" + bob.api().user().orElseThrow());
        bob.api().send(room, "before");
        Await.until("alice got the message before the outage", () -> alice.events().count("before") == 1);
    }

    @Test
    void cutConnectionResumesAndCatchesUpWithoutGapOrDuplicate() {
        relay.refuse(true);
        relay.cutAll();
        Await.until("RECONNECTING", () -> alice.api().state() == ConnectionState.RECONNECTING);
        OutboxEntry queued = alice.api().send(room, "queued while away");
        assertEquals(OutboxEntry.Status.PENDING, queued.status());
        missWhileAway();
        String carol = TestClients.uniqueUser("carol");
        alice.api().watchPresence("test", List.of(carol)); // sent with the resume: the new session watches nobody
        clients.online(server.address(), stateB.resolve("carol"), carol); // a presence push alice cannot get

        relay.refuse(false);
        assertCaughtUp();
        Await.until("queued message SENT", () -> !alice.events().outbox(queued.key(), OutboxEntry.Status.SENT).isEmpty());
        Await.until("bob gets the queued message", () -> bob.events().count("queued while away") == 1);
        Await.until("alice learns that carol came online meanwhile",
                () -> alice.events().presence().contains(new Recorder.Presence(carol, true)));
        assertEquals(1, historyCount(bob, room, "queued while away"));
        assertTrue(alice.events().states().containsAll(List.of(ConnectionState.RECONNECTING, ConnectionState.ONLINE)));
        assertEquals(List.of(), alice.events().wrongThreads());
    }

    @Test
    void serverCrashAndRestartOnTheSamePortResumesTheSession() {
        relay.refuse(true); // alice cannot come back before bob has posted
        server.crashAndRestart();
        Await.until("RECONNECTING", () -> alice.api().state() == ConnectionState.RECONNECTING);
        Client bob2 = clients.open(stateB.resolve("again"), TestClients.fastOptions());
        Await.result(bob2.api().login(server.address(), bob.api().user().orElseThrow(), TestClients.PASSWORD.toCharArray()));
        bob = bob2;
        missWhileAway();

        relay.refuse(false);
        assertCaughtUp();
        assertFalse(alice.events().states().contains(ConnectionState.OFFLINE), "resumed, never logged out");
        assertTrue(alice.events().errors().isEmpty(), alice.events().errors().toString());
    }

    /**
     * The server stores alice's message but its acknowledgement never reaches her: her request times out, the link is
     * dropped, and after resuming she sends again with the same key. The server must keep one copy and she must end
     * up with that copy's id.
     */
    @Test
    void aLostAcknowledgementIsRetriedWithoutDuplicate() {
        Client slowAlice = clients.open(stateA.resolve("short-timeout"), TestClients.fastOptions()
                .withRequestTimeout(Duration.ofSeconds(3)));
        loginTolerantOfLoad(slowAlice);
        // Login also asks for the online users; that reply must be in before the server's bytes are dropped, or that
        // request (not rooms) is the one that times out. The server answers in order, so one round trip settles it.
        Await.result(slowAlice.api().onlineUsers());

        relay.dropServerBytesOnOpenConnections();
        CompletableFuture<List<RoomInfo>> unanswered = slowAlice.api().rooms(); // asked first, so it times out first
        OutboxEntry entry = slowAlice.api().send(room, "exactly once");
        assertInstanceOf(RequestTimeoutException.class, Await.failure(unanswered));
        Await.until("the server stored it", () -> bob.events().count("exactly once") == 1);
        Await.until("the ack was lost and the link dropped",
                () -> slowAlice.events().states().contains(ConnectionState.RECONNECTING));
        Await.until("SENT after the retry", () -> !slowAlice.events().outbox(entry.key(), OutboxEntry.Status.SENT).isEmpty(),
                () -> "outbox events " + slowAlice.events().outbox());

        ChatMessage atBob = bob.events().messagesWith(r -> r.message().text().equals("exactly once")).get(0).message();
        assertEquals(atBob.id(), slowAlice.events().outbox(entry.key(), OutboxEntry.Status.SENT).get(0).message().id());
        assertEquals(1, historyCount(bob, room, "exactly once"));
        Await.until("alice shown it once", () -> slowAlice.events().count("exactly once") == 1);
        assertEquals(1, bob.events().count("exactly once"));
    }

    /**
     * More was missed than one history page holds (200): catch-up pages forward until it has everything. Three
     * sessions of bob write the backlog so the server's per-connection flood limit (which the outbox honours by
     * waiting when told RATE_LIMITED) does not make the test slow.
     */
    @Test
    void aLongOutageIsCaughtUpPageByPage() {
        assertBacklogCaughtUpOnce(201, i -> "backlog " + i);
    }

    /**
     * Long messages of escaped, emoji and CJK text make a history page end at the server's byte budget (256 KiB)
     * long before 200 messages: the catch-up must go on while the page says {@code more}, not stop at a short page.
     */
    @Test
    void aBacklogOfLongMessagesIsCaughtUpAcrossByteLimitedPages() {
        String heavy = "\"\\\uD83D\uDE00\u4E2D".repeat(997);
        assertBacklogCaughtUpOnce(80, i -> "heavy " + i + " " + heavy); // ~11 KB each in JSON: ~880 KB, 4+ pages
    }

    /**
     * While alice is away, three sessions of bob write {@code total} messages (so the server's per-connection flood
     * limit, which the outbox honours, does not make the test slow); once she is back she shows each exactly once.
     */
    private void assertBacklogCaughtUpOnce(int total, IntFunction<String> text) {
        relay.refuse(true);
        relay.cutAll();
        Await.until("RECONNECTING", () -> alice.api().state() == ConnectionState.RECONNECTING);
        String bobName = bob.api().user().orElseThrow();
        List<Client> writers = List.of(bob,
                clients.open(stateB.resolve("w2"), TestClients.fastOptions()),
                clients.open(stateB.resolve("w3"), TestClients.fastOptions()));
        for (Client writer : writers.subList(1, 3)) {
            Await.result(writer.api().login(server.address(), bobName, TestClients.PASSWORD.toCharArray()));
        }
        List<String> texts = IntStream.range(0, total).mapToObj(text).toList();
        Set<String> backlog = Set.copyOf(texts);
        for (int i = 0; i < total; i++) {
            writers.get(i % writers.size()).api().send(room, texts.get(i));
        }
        Await.until("the backlog is stored", () -> writers.stream().mapToLong(w -> w.events().outbox().stream()
                .filter(e -> e.status() == OutboxEntry.Status.SENT && backlog.contains(e.text())).count()).sum() == total);

        relay.refuse(false);
        Await.until("alice caught up with all " + total, () -> alice.events().messages().stream()
                .filter(r -> backlog.contains(r.message().text())).count() >= total,
                () -> "got " + alice.events().messages().size() + " messages, states " + alice.events().states());
        for (int i = 0; i < total; i++) {
            assertEquals(1, alice.events().count(texts.get(i)), "message " + i);
        }
    }

    /** A 3 s request timeout is short for a password hash on a loaded machine: a timed-out login is tried again. */
    private void loginTolerantOfLoad(Client client) {
        for (int attempt = 1;; attempt++) {
            try {
                Await.result(client.api().login(relay.address(), alice.api().user().orElseThrow(),
                        TestClients.PASSWORD.toCharArray()));
                return;
            } catch (RequestTimeoutException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private void missWhileAway() {
        String me = alice.api().user().orElseThrow();
        for (int i = 1; i <= 3; i++) {
            Await.result(bob.api().join(room)); // bob2 after a restart must be a member too (joining twice is fine)
            bob.api().send(room, "missed " + i);
        }
        bob.api().send("@" + me, "missed privately");
        Await.until("bob's messages stored", () -> bob.events().outbox().stream()
                .filter(e -> e.status() == OutboxEntry.Status.SENT && e.text().startsWith("missed")).count() == 4);
        assertEquals(0, alice.events().count("missed 1"), "alice is away");
    }

    private void assertCaughtUp() {
        Await.until("ONLINE again", () -> alice.api().state() == ConnectionState.ONLINE,
                () -> "states " + alice.events().states() + ", errors " + alice.events().errors());
        for (String text : List.of("missed 1", "missed 2", "missed 3", "missed privately")) {
            Await.until(text, () -> alice.events().count(text) >= 1);
        }
        String bobName = bob.api().user().orElseThrow();
        assertEquals(Conversations.key("@" + bobName), alice.events().messagesWith(r -> r.message().text().equals("missed privately"))
                .get(0).conversation());
        // a moment for any duplicate to show up, then every message exactly once
        bob.api().send(room, "after");
        Await.until("live again", () -> alice.events().count("after") == 1);
        for (String text : List.of("before", "missed 1", "missed 2", "missed 3", "missed privately", "after")) {
            assertEquals(1, alice.events().count(text), text + " shown once; all: " + alice.events().messages());
        }
        List<Long> ids = alice.events().messages().stream().map(r -> r.message().id()).toList();
        assertEquals(ids.size(), ids.stream().distinct().count(), "no id twice");
    }

    private static long historyCount(Client client, String conversation, String text) {
        return Await.result(client.api().history(conversation, null, 200)).stream()
                .filter(m -> m.text().equals(text)).count();
    }
}
