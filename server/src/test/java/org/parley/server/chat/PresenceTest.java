package org.parley.server.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.error;
import static org.parley.server.testing.Replies.ok;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Limits;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.ServerConfig;
import org.parley.server.testing.ServerTestBase;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;

/**
 * Presence (protocol 3, section 9): announced on a user's first session and after their last one ends, however it
 * ends, and only to the sessions that watch that user; the online list comes in pages.
 */
class PresenceTest extends ServerTestBase {
    private static final int LOGINS = 200;
    /** Each session of the scale test watches this many neighbours on either side. */
    private static final int NEIGHBOURS = 3;

    @Override
    protected void configure(ServerConfig config) {
        config.loginThrottle(5, 1, LOGINS * 2, 60);
    }

    private static ServerMessage.Presence nextPresence(TestClient c) throws InterruptedException {
        return c.await(ServerMessage.Presence.class);
    }

    @Test
    void firstSessionAndLastSessionAreAnnouncedOnce() throws Exception {
        TestClient bob = server.login("bob");
        assertEquals(List.of(), bob.watch("alice", "carol", "dave"));
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
        watcher.watch(IntStream.range(0, 20).mapToObj(i -> "user" + i).toArray(String[]::new));
        for (int i = 0; i < 20; i++) {
            TestClient c = server.login("user" + i);
            assertEquals(new ServerMessage.Presence("user" + i, true), nextPresence(watcher));
            c.abort();
            assertEquals(new ServerMessage.Presence("user" + i, false), nextPresence(watcher));
        }
        assertEquals(new ServerMessage.Users("u", List.of("watcher")), watcher.request(new Request.Users("u")));
    }

    @Test
    void onlyWatchedUsersAreAnnouncedAndAWatchReplacesTheLastOne() throws Exception {
        TestClient bob = server.login("bob");
        server.login("Carol");
        assertEquals(List.of("Carol"), bob.watch("alice", "CAROL", "carol", "nobody-registered"),
                "the registered spelling of those online, once; unknown names are accepted and stay offline");
        server.login("erin");
        TestClient alice = server.login("alice");
        assertEquals(new ServerMessage.Presence("alice", true), nextPresence(bob), "erin is not watched: nothing about her");

        assertEquals(List.of("erin"), bob.watch("erin"));
        alice.abort();
        TestClient frank = server.login("frank");
        ok(frank.request(new Request.Logout(frank.nextId())));
        assertEquals(List.of(), bob.watch());
        // A barrier: the reply is queued after any push caused before it.
        bob.request(new Request.Users(bob.nextId(), null, 1));
        assertNull(bob.poll(Duration.ZERO), "alice and frank are no longer watched");
    }

    @Test
    void aLoggedOutConnectionForgetsItsWatchList() throws Exception {
        TestClient bob = server.login("bob");
        bob.watch("alice");
        ok(bob.request(new Request.Logout(bob.nextId())));
        ok(bob.request(new Request.Login(bob.nextId(), "bob", TestServer.PASSWORD)));
        server.login("alice");
        bob.request(new Request.Users(bob.nextId(), null, 1));
        assertNull(bob.poll(Duration.ZERO), "the new login watches nobody until it asks");
    }

    @Test
    void watchRefusesBadInputWithClearErrors() throws Exception {
        TestClient bob = server.login("bob");
        String[] tooMany = IntStream.rangeClosed(0, Limits.MAX_WATCH).mapToObj(i -> "user" + i).toArray(String[]::new);
        assertTrue(error(ErrorCode.TOO_LARGE, bob.request(new Request.Watch(bob.nextId(), List.of(tooMany))))
                .message().contains(String.valueOf(Limits.MAX_WATCH)));
        assertEquals(List.of(), bob.watch(Arrays.copyOf(tooMany, Limits.MAX_WATCH)), "exactly the maximum is fine");
        assertEquals("'users[1]' is not a username (3-32 of A-Z a-z 0-9 _ . -)",
                error(ErrorCode.BAD_REQUEST, bob.request(new Request.Watch(bob.nextId(), List.of("alice", "#general"))))
                        .message());
        error(ErrorCode.BAD_REQUEST, bob.request(new Request.Watch(bob.nextId(), List.of("ab"))));
        TestClient anonymous = server.connect();
        error(ErrorCode.NOT_AUTHENTICATED, anonymous.request(new Request.Watch(anonymous.nextId(), List.of("bob"))));
    }

    @Test
    void theOnlineListComesInPages() throws Exception {
        TestClient bob = server.login("bob");
        server.login("Alice");
        server.login("carol");
        assertEquals(new ServerMessage.Users("1", List.of("Alice", "bob"), true), bob.request(new Request.Users("1", null, 2)));
        assertEquals(new ServerMessage.Users("2", List.of("carol")), bob.request(new Request.Users("2", "BOB", 2)),
                "after compares without case; no more: the list is complete");
        assertEquals(new ServerMessage.Users("3", List.of("bob", "carol")), bob.request(new Request.Users("3", "b", 5)),
                "after need not be online or registered");
        error(ErrorCode.BAD_REQUEST, bob.request(new Request.Users("4", null, 0)));
        error(ErrorCode.BAD_REQUEST, bob.request(new Request.Users("5", null, Limits.MAX_USERS_LIMIT + 1)));
    }

    /**
     * A client looking for someone asks for the names that start with what was typed: with more users online than a
     * page holds, filtering one page on the client would miss everyone past it.
     */
    @Test
    void theOnlineListCanBeNarrowedToNamesStartingWithAPrefix() throws Exception {
        TestClient bob = server.login("bob");
        server.login("Alice");
        server.login("albert");
        server.login("alfred");
        server.login("carol");
        assertEquals(new ServerMessage.Users("1", List.of("albert", "alfred", "Alice")),
                bob.request(new Request.Users("1", null, null, "AL")), "prefix compares without case");
        assertEquals(new ServerMessage.Users("2", List.of("albert", "alfred"), true),
                bob.request(new Request.Users("2", null, 2, "al")));
        assertEquals(new ServerMessage.Users("3", List.of("Alice")), bob.request(new Request.Users("3", "alfred", 2, "al")),
                "after pages within the prefix's names");
        assertEquals(new ServerMessage.Users("4", List.of()), bob.request(new Request.Users("4", null, null, "zed")));
        assertEquals(new ServerMessage.Users("5", List.of("albert", "alfred", "Alice", "bob", "carol")),
                bob.request(new Request.Users("5", null, null, "")), "every name starts with nothing");
        assertEquals("'prefix' must be at most 32 of A-Z a-z 0-9 _ . -",
                error(ErrorCode.BAD_REQUEST, bob.request(new Request.Users("6", null, null, "al ice"))).message());
        error(ErrorCode.BAD_REQUEST, bob.request(new Request.Users("7", null, null, "a".repeat(Limits.MAX_USERNAME + 1))));
    }

    /**
     * The scale problem: every login was announced to every session, so N logins of distinct accounts cost
     * N(N-1)/2 pushes (19,900 here). With each session watching a bounded list, the same logins cost at most that
     * bound per session: here each watches its {@value #NEIGHBOURS} neighbours on either side of a ring.
     */
    @Test
    void loginsOfDistinctAccountsCostLinearlyManyPresenceFrames() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<TestClient> clients = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < LOGINS; i++) {
                int n = i;
                work.add(pool.submit(() -> {
                    TestClient c = server.login("user" + n);
                    List<String> neighbours = new ArrayList<>();
                    for (int d = 1; d <= NEIGHBOURS; d++) {
                        neighbours.add("user" + Math.floorMod(n + d, LOGINS));
                        neighbours.add("user" + Math.floorMod(n - d, LOGINS));
                    }
                    c.watch(neighbours.toArray(String[]::new));
                    clients.add(c);
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int frames = 0;
        for (TestClient c : clients) {
            // Every login is over, so every push it caused is queued before this reply.
            assertInstanceOf(ServerMessage.Users.class, c.request(new Request.Users(c.nextId(), null, 1)));
            for (ServerMessage m = c.poll(Duration.ZERO); m != null; m = c.poll(Duration.ZERO)) {
                assertInstanceOf(ServerMessage.Presence.class, m);
                frames++;
            }
        }
        assertTrue(frames <= 2 * NEIGHBOURS * LOGINS, frames + " presence frames for " + LOGINS + " logins");
        assertEquals(LOGINS, ((ServerMessage.Users) clients.get(0).request(new Request.Users("all"))).online().size());
    }
}
