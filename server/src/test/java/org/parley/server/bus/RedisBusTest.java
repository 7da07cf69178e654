package org.parley.server.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.error;
import static org.parley.server.testing.Replies.ok;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.RoomInfo;
import org.parley.protocol.ServerMessage;
import org.parley.server.ExitCode;
import org.parley.server.StartupException;
import org.parley.server.store.pg.PgTarget;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestPostgres;
import org.parley.server.testing.TestRedis;
import org.parley.server.testing.TestServer;
import org.parley.server.testing.TwoNodes;

/**
 * Two nodes on one PostgreSQL and one Redis (real processes, in-process servers): what one node stores reaches the
 * other's sessions once and in order, users and rooms made on one are known on the other, and a Redis restart loses
 * nothing (gap repair from the store). Waits are on pushes and replies, each bounded by {@link TestClient#TIMEOUT}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisBusTest {
    private static TestPostgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void postgres() throws Exception {
        pg = TestPostgres.shared(); // databases of its own: the JVM's one server serves
    }

    private TwoNodes cluster(TestRedis redis) throws Exception {
        return TwoNodes.start(pg, dir, redis, c -> { });
    }

    private TwoNodes cluster(TestRedis redis, java.util.function.Consumer<org.parley.server.ServerConfig> more)
            throws Exception {
        return TwoNodes.start(pg, dir, redis, more);
    }

    private static ChatMessage send(TestClient client, String to, String text) throws Exception {
        return ok(client.request(new Request.Send(client.nextId(), to, text, "k-" + text))).msg();
    }

    private static ChatMessage nextPush(TestClient client) throws Exception {
        return client.await(ServerMessage.MessagePush.class).msg();
    }

    private static ChatMessage awaitText(TestClient client, String text) throws Exception {
        return client.await(ServerMessage.MessagePush.class, p -> p.msg().text().equals(text)).msg();
    }

    /**
     * A message stored here may be read back for delivery by a catch-up that another message started, before its own
     * commit callback has named the sender's connection: that connection must still not get its own message pushed
     * (it has the acknowledgement), and nobody gets anything twice. Four senders on two nodes, pipelining into one room.
     */
    @Test
    void aSenderNeverHearsItsOwnMessageWhileOthersInterleave() throws Exception {
        int each = 150;
        try (TestRedis redis = TestRedis.start(); TwoNodes nodes = cluster(redis, c -> c.flood(1_000_000, 1_000_000))) {
            List<TestClient> senders = List.of(nodes.a().login("alice"), nodes.b().login("bob"), nodes.a().login("carol"),
                    nodes.b().login("dave"));
            List<Thread> threads = new ArrayList<>();
            List<java.util.concurrent.CompletableFuture<ServerMessage>> acks = java.util.Collections.synchronizedList(new ArrayList<>());
            for (TestClient sender : senders) {
                Thread thread = new Thread(() -> {
                    try {
                        for (int i = 0; i < each; i++) {
                            acks.add(sender.send(new Request.Send(sender.nextId(), "#general", "race " + i, null)));
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread t : threads) {
                t.join();
            }
            for (var ack : acks) {
                ok(ack.get(TestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            }
            String[] names = {"alice", "bob", "carol", "dave"};
            for (int s = 0; s < senders.size(); s++) {
                java.util.Set<Long> ids = new HashSet<>();
                int own = 0;
                while (ids.size() < 3 * each) {
                    ChatMessage m = nextPush(senders.get(s));
                    own += m.from().equals(names[s]) ? 1 : 0;
                    assertTrue(m.from().equals(names[s]) || ids.add(m.id()), names[s] + " got message " + m.id() + " twice");
                }
                assertEquals(0, own, names[s] + "'s connection was pushed its own messages");
            }
        }
    }

    @Test
    void roomAndPrivateMessagesReachTheOtherNodeOnceAndInOrder() throws Exception {
        try (TestRedis redis = TestRedis.start(); TwoNodes nodes = cluster(redis)) {
            TestClient alice = nodes.a().login("alice");
            TestClient bob = nodes.b().login("bob");
            // B to A; also, since B publishes in order, A has heard of bob's account once this arrives.
            ChatMessage hello = send(bob, "#general", "hello from b");
            assertEquals(hello, awaitText(alice, "hello from b"));

            List<ChatMessage> sent = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                sent.add(send(alice, "#general", "room " + i));
            }
            sent.add(send(alice, "@bob", "private 1"));
            List<ChatMessage> got = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                got.add(nextPush(bob));
            }
            assertEquals(sent, got, "bob on B gets alice's messages from A, in order, each once");
            // Nothing more was queued for bob before this one: no duplicate of the above.
            ChatMessage end = send(alice, "#general", "end");
            assertEquals(end, nextPush(bob));

            ChatMessage reply = send(bob, "@alice", "private 2");
            assertEquals(reply, awaitText(alice, "private 2"));
            assertEquals("bob", reply.from());
            // The sender's own connection has the acknowledgement, not a push: alice's next push is bob's.
            ChatMessage last = send(bob, "#general", "last");
            send(alice, "#general", "mine");
            assertEquals(last, nextPush(alice));
            assertEquals(send(bob, "#general", "after mine"), nextPush(alice));
        }
    }

    @Test
    void aReadMarkerMovedOnOneNodeIsPushedToTheUsersSessionsOnTheOther() throws Exception {
        try (TestRedis redis = TestRedis.start(); TwoNodes nodes = cluster(redis)) {
            TestClient aliceOnA = nodes.a().login("alice");
            TestClient bob = nodes.b().login("bob");
            ChatMessage room = send(bob, "#general", "read me");
            awaitText(aliceOnA, "read me"); // A knows bob's account now
            ChatMessage direct = send(bob, "@alice", "and me");
            awaitText(aliceOnA, "and me");
            TestClient aliceOnB = nodes.b().login("alice");

            ok(aliceOnA.request(new Request.Read(aliceOnA.nextId(), "#general", room.id())));
            ok(aliceOnA.request(new Request.Read(aliceOnA.nextId(), "@bob", direct.id())));
            assertEquals(new ServerMessage.ReadPush("#general", room.id()), aliceOnB.await(ServerMessage.ReadPush.class));
            assertEquals(new ServerMessage.ReadPush("@bob", direct.id()), aliceOnB.await(ServerMessage.ReadPush.class),
                    "named as alice names it, in order");
            // Only alice's sessions: bob, on the same node, heard nothing of it before his own next message.
            // A publishes in order, so a read push for bob would reach him before this message.
            ChatMessage mark = send(aliceOnA, "#general", "mark");
            for (ServerMessage next = bob.poll(TestClient.TIMEOUT); ; next = bob.poll(TestClient.TIMEOUT)) {
                assertFalse(next == null, "bob got the mark");
                assertFalse(next instanceof ServerMessage.ReadPush, "no read push for bob: " + next);
                if (next instanceof ServerMessage.MessagePush push && push.msg().equals(mark)) {
                    break;
                }
            }
        }
    }

    @Test
    void theRoomQuotaCountsRoomsCreatedOnEveryNode() throws Exception {
        try (TestRedis redis = TestRedis.start(); TwoNodes nodes = cluster(redis, c -> c.roomsPerUser(2))) {
            TestClient onA = nodes.a().login("erin");
            ok(onA.request(new Request.Join(onA.nextId(), "#first")));
            ok(onA.request(new Request.Join(onA.nextId(), "#second")));
            TestClient onB = nodes.b().login("erin");
            ServerMessage refused = onB.request(new Request.Join(onB.nextId(), "#third"));
            assertTrue(refused instanceof ServerMessage.Error e && e.code() == org.parley.protocol.ErrorCode.QUOTA_EXCEEDED,
                    () -> "B counts the rooms erin made on A: " + refused);
            ok(onB.request(new Request.Join(onB.nextId(), "#first"))); // joining an existing one is not creating
            ServerMessage.Rooms rooms = (ServerMessage.Rooms) onB.request(new Request.Rooms(onB.nextId(), null, null));
            assertFalse(rooms.rooms().stream().anyMatch(r -> r.name().equals("#third")), () -> "not made: " + rooms);
        }
    }

    @Test
    void usersAndRoomsMadeOnOneNodeAreKnownOnTheOther() throws Exception {
        try (TestRedis redis = TestRedis.start(); TwoNodes nodes = cluster(redis)) {
            TestClient dave = nodes.b().login("dave");
            TestClient carol = nodes.a().login("carol"); // registered on A after B started
            send(carol, "#general", "carol here");
            awaitText(dave, "carol here"); // B heard of carol's account before this message

            ChatMessage toCarol = send(dave, "@carol", "hi carol");
            assertEquals(toCarol, awaitText(carol, "hi carol"));

            ok(carol.request(new Request.Join(carol.nextId(), "#design"))); // created on A
            send(carol, "#general", "made #design");
            awaitText(dave, "made #design");
            ServerMessage.Rooms rooms = (ServerMessage.Rooms) dave.request(new Request.Rooms(dave.nextId(), null, null));
            assertTrue(rooms.rooms().contains(new RoomInfo("#design", 1, false)), () -> "B's room list: " + rooms);

            ok(dave.request(new Request.Join(dave.nextId(), "#design")));
            ChatMessage thanks = send(dave, "#design", "thanks");
            assertEquals(thanks, awaitText(carol, "thanks"));
            ChatMessage welcome = send(carol, "#design", "welcome");
            assertEquals(welcome, awaitText(dave, "welcome"));
            ServerMessage.Rooms onA = (ServerMessage.Rooms) carol.request(new Request.Rooms(carol.nextId(), null, null));
            assertTrue(onA.rooms().contains(new RoomInfo("#design", 2, true)), () -> "A's room list: " + onA);
        }
    }

    @Test
    void afterARedisRestartEveryMessageStoredMeanwhileArrivesOnce() throws Exception {
        try (TestRedis redis = TestRedis.start(); TwoNodes nodes = cluster(redis)) {
            TestClient alice = nodes.a().login("alice");
            TestClient bob = nodes.b().login("bob");
            send(bob, "#general", "bob is here");
            awaitText(alice, "bob is here");
            assertEquals(send(alice, "#general", "before"), nextPush(bob));

            redis.stop();
            List<ChatMessage> room = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                room.add(send(alice, "#general", "during " + i)); // acknowledged: stored in PostgreSQL
            }
            ChatMessage privately = send(alice, "@bob", "during, privately");
            TestClient gina = nodes.a().login("gina"); // an account B hears of only through the resync
            redis.launch();
            ChatMessage after = send(alice, "#general", "after");

            // Two conversations: each in its own order; between them, no order is promised.
            List<ChatMessage> got = new ArrayList<>();
            for (int i = 0; i < room.size() + 2; i++) {
                got.add(nextPush(bob));
            }
            List<ChatMessage> general = new ArrayList<>(got);
            general.remove(privately);
            List<ChatMessage> expected = new ArrayList<>(room);
            expected.add(after);
            assertEquals(expected, general, "every #general message once, in order");
            assertTrue(got.contains(privately), "the private message too: " + got);
            assertEquals(got.size(), new HashSet<>(got).size(), "no message twice");
            // And nothing else queued behind them (no late duplicates from the two resyncs).
            ChatMessage end = send(alice, "#general", "end");
            assertEquals(end, nextPush(bob));
            // B compared its directory with the store before catching up: it knows gina now.
            ChatMessage toGina = send(bob, "@gina", "welcome back");
            assertEquals(toGina, awaitText(gina, "welcome back"));
        }
    }

    /** Protocol 8.3's budgets are the cluster's: a guesser gains nothing by spreading attempts over the nodes. */
    @Test
    void failedLoginsAreCountedAcrossNodes() throws Exception {
        try (TestRedis redis = TestRedis.start();
                TwoNodes nodes = TwoNodes.start(pg, dir, redis, c -> c.loginThrottle(2, 1, 30, 10))) {
            nodes.a().login("alice").close();
            nodes.b().login("carol").close();
            TestClient onA = nodes.a().connect();
            TestClient onB = nodes.b().connect();
            error(ErrorCode.AUTH_FAILED, onA.request(new Request.Login(onA.nextId(), "alice", "not her password")));
            error(ErrorCode.AUTH_FAILED, onB.request(new Request.Login(onB.nextId(), "alice", "not her password")));
            // Two failures from this address spent alice's budget for it on both nodes (one node alone allows two).
            error(ErrorCode.RATE_LIMITED, onA.request(new Request.Login(onA.nextId(), "alice", "not her password")));
            error(ErrorCode.RATE_LIMITED, onB.request(new Request.Login(onB.nextId(), "alice", TestServer.PASSWORD)));

            redis.stop(); // each node counts on its own meanwhile: logins go on
            ok(onB.request(new Request.Login(onB.nextId(), "carol", TestServer.PASSWORD)));
        }
    }

    /**
     * Protocol 8.3 exempts an address an account logged in from before from the per-account ceiling: the owner is
     * not locked out of their usual places by guessing elsewhere, whichever node they come back to.
     */
    @Test
    void anAddressKnownOnOneNodeIsKnownOnTheOthers() throws Exception {
        try (TestRedis redis = TestRedis.start();
                TwoNodes nodes = TwoNodes.start(pg, dir, redis, c -> c.loginThrottle(100, 1, 100, 1).loginAccountCeiling(1))) {
            nodes.a().login("alice").close(); // from 127.0.0.1, on A
            TestClient onB = nodes.b().connect();
            // Known: the ceiling of one failure per hour is not charged, so the typo is answered, and so is the retry.
            error(ErrorCode.AUTH_FAILED, onB.request(new Request.Login(onB.nextId(), "alice", "a typo")));
            error(ErrorCode.AUTH_FAILED, onB.request(new Request.Login(onB.nextId(), "alice", "another typo")));
            ok(onB.request(new Request.Login(onB.nextId(), "alice", TestServer.PASSWORD)));
        }
    }

    /** Protocol 8.4's registration budget is the cluster's too: more nodes must not mean more accounts per hour. */
    @Test
    void registrationsAreCountedAcrossNodes() throws Exception {
        try (TestRedis redis = TestRedis.start();
                TwoNodes nodes = TwoNodes.start(pg, dir, redis, c -> c.registerThrottle(2, 1))) {
            TestClient onA = nodes.a().connect();
            TestClient onB = nodes.b().connect();
            ok(onA.request(new Request.Register(onA.nextId(), "reg1", TestServer.PASSWORD)));
            ok(onB.request(new Request.Register(onB.nextId(), "reg2", TestServer.PASSWORD)));
            // Two registrations from this address spent its budget on both nodes (one node alone allows two).
            error(ErrorCode.RATE_LIMITED, onA.request(new Request.Register(onA.nextId(), "reg3", TestServer.PASSWORD)));
            error(ErrorCode.RATE_LIMITED, onB.request(new Request.Register(onB.nextId(), "reg4", TestServer.PASSWORD)));

            redis.stop(); // each node counts on its own meanwhile: registering goes on
            ok(onB.request(new Request.Register(onB.nextId(), "reg5", TestServer.PASSWORD)));
        }
    }

    @Test
    void aSqliteNodeRefusesTheBus() throws Exception {
        Path data = dir.resolve("single");
        BusTarget redis = BusTarget.parse("redis://127.0.0.1:6379");
        StartupException refused = assertThrows(StartupException.class, () -> TestServer.start(data,
                c -> c.bus(redis)).close());
        assertEquals(ExitCode.USAGE, refused.exitCode());
        assertTrue(refused.getMessage().startsWith("--bus needs --store postgresql://"), refused.getMessage());
        assertFalse(Files.exists(data), "nothing created");
    }

    @Test
    void anUnreachableRedisIsAStartupFault() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort(); // closed again: nobody listens there
        }
        String url = pg.url(pg.createDatabase());
        BusTarget nowhere = new BusTarget("127.0.0.1", port);
        StartupException refused = assertThrows(StartupException.class, () -> TestServer.start(dir.resolve("n"),
                c -> c.store(PgTarget.parse(url)).bus(nowhere)).close());
        assertEquals(ExitCode.BUS_UNREACHABLE, refused.exitCode());
        assertTrue(refused.getMessage().startsWith("Redis at redis://127.0.0.1:" + port + " unreachable"),
                refused.getMessage());
    }

    @Test
    void busUrls() {
        assertEquals(new BusTarget("redis.example", 6379), BusTarget.parse("redis://redis.example"));
        assertEquals(new BusTarget("10.0.0.5", 7000), BusTarget.parse("redis://10.0.0.5:7000"));
        assertThrows(IllegalArgumentException.class, () -> BusTarget.parse("10.0.0.5:7000"));
        assertThrows(IllegalArgumentException.class, () -> BusTarget.parse("redis://h:1/2"));
        assertThrows(IllegalArgumentException.class, () -> BusTarget.parse("http://h:1"));

        BusTarget acl = BusTarget.parse("rediss://chat:p%40ss%3Aw@h:6380");
        assertTrue(acl.tls());
        assertEquals("chat", acl.user());
        assertEquals("p@ss:w", new String(acl.password()), "percent-encoded in the URL");
        assertEquals("rediss://chat@h:6380", acl.location(), "never the password");
        BusTarget defaultUser = BusTarget.parse("redis://:secret@h");
        assertEquals(null, defaultUser.user(), "no user: Redis's default user");
        assertEquals("secret", new String(defaultUser.password()));
        IllegalArgumentException userOnly = assertThrows(IllegalArgumentException.class,
                () -> BusTarget.parse("redis://chat@h"));
        assertTrue(userOnly.getMessage().contains("a user needs a password"), userOnly.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> BusTarget.parse("redis://u:secret@h:1/2"));
        assertFalse(bad.getMessage().contains("secret"), bad.getMessage());
        assertEquals("url", new String(BusTarget.parse("redis://:url@h").withPassword("file".toCharArray()).password()),
                "the URL's password wins");
    }
}
