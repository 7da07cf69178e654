package org.parley.server.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.parley.server.testing.Replies.ok;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestPostgres;
import org.parley.server.testing.TestRedis;
import org.parley.server.testing.TwoNodes;

/**
 * Presence across two nodes on one PostgreSQL and one Redis (real processes, in-process servers): a user is online
 * while any node has a session of theirs, a node that stops beating takes its users offline after the TTL (not those
 * also online elsewhere), and a Redis restart is repaired. Short timings (beat 200 ms, TTL 1 s) so the TTL passes
 * quickly; every wait is on a push or a reply.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterPresenceTest {
    private static final PresenceTiming FAST = new PresenceTiming(Duration.ofMillis(200), Duration.ofSeconds(1),
            Duration.ofMillis(20));
    private static TestPostgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void postgres() throws Exception {
        pg = TestPostgres.shared(); // databases of its own: the JVM's one server serves
    }

    private TwoNodes cluster(TestRedis redis) throws Exception {
        return TwoNodes.start(pg, dir, redis, c -> c.presenceTiming(FAST));
    }

    private static ServerMessage.Presence awaitPresence(TestClient c, String user, boolean online) throws Exception {
        return c.await(ServerMessage.Presence.class, p -> p.user().equals(user) && p.online() == online);
    }

    private static List<String> online(TestClient c) throws Exception {
        return ((ServerMessage.Users) c.request(new Request.Users(c.nextId()))).online();
    }

    /** Every push queued for {@code c} before now has arrived once this returns; then nothing else may be waiting. */
    private static void assertNothingMore(TestClient c) throws Exception {
        online(c);
        assertNull(c.poll(Duration.ZERO));
    }

    @Test
    void aUserOnOneNodeIsOnlineForWatchersOnTheOther() throws Exception {
        try (TestRedis redis = TestRedis.start(); TwoNodes nodes = cluster(redis)) {
            TestClient carol = nodes.a().login("carol");
            carol.watch("alice");
            TestClient alice = nodes.b().login("alice");
            awaitPresence(carol, "alice", true);
            assertEquals(List.of("alice", "carol"), online(carol), "users lists the whole cluster");
            assertEquals(List.of("alice"), nodes.a().login("dave").watch("alice", "bob"), "watch answers for the cluster");

            ok(alice.request(new Request.Logout(alice.nextId())));
            awaitPresence(carol, "alice", false);
            assertEquals(List.of("carol", "dave"), online(carol));
        }
    }

    @Test
    void aNodeThatStopsBeatingTakesItsUsersOfflineButNotThoseOnlineElsewhere() throws Exception {
        try (TestRedis redis = TestRedis.start(); TwoNodes nodes = cluster(redis)) {
            TestClient carol = nodes.a().login("carol");
            carol.watch("alice", "dave");
            nodes.b().login("alice");
            awaitPresence(carol, "alice", true);
            TestClient daveOnA = nodes.a().login("dave");
            awaitPresence(carol, "dave", true);
            nodes.b().login("dave"); // dave's client on both nodes: B's going must not take him offline
            assertEquals(List.of("alice", "carol", "dave"), online(carol));

            nodes.b().server().bus().halt(); // B stops without a goodbye, as under kill -9
            awaitPresence(carol, "alice", false);
            assertEquals(List.of("carol", "dave"), online(carol));
            assertNothingMore(carol); // no offline (nor flapping online) for dave
            daveOnA.close();
            awaitPresence(carol, "dave", false);
        }
    }

    @Test
    void aSessionMovingToTheOtherNodeIsNotAnnouncedOffline() throws Exception {
        try (TestRedis redis = TestRedis.start(); TwoNodes nodes = cluster(redis)) {
            TestClient carol = nodes.a().login("carol");
            carol.watch("alice");
            TestClient onB = nodes.b().login("alice");
            awaitPresence(carol, "alice", true);
            TestClient onA = nodes.a().login("alice"); // failing over: the new session opens before the old one ends
            onB.abort();
            assertEquals(List.of("alice", "carol"), online(carol));
            assertNothingMore(carol);
            onA.close();
            awaitPresence(carol, "alice", false);
        }
    }

    @Test
    void afterARedisRestartEveryNodeRepublishesItsUsers() throws Exception {
        try (TestRedis redis = TestRedis.start(); TwoNodes nodes = cluster(redis)) {
            TestClient carol = nodes.a().login("carol");
            carol.watch("alice", "erin", "frank");
            TestClient alice = nodes.b().login("alice");
            awaitPresence(carol, "alice", true);

            redis.stop(); // no persistence: Redis comes back empty
            nodes.a().login("erin");
            awaitPresence(carol, "erin", true); // same-node presence needs no Redis
            nodes.b().login("frank"); // A cannot hear of him now
            redis.launch();
            awaitPresence(carol, "frank", true); // B rewrote its users into Redis and A read them
            assertEquals(List.of("alice", "carol", "erin", "frank"), online(carol));

            ok(alice.request(new Request.Logout(alice.nextId())));
            awaitPresence(carol, "alice", false);
        }
    }
}
