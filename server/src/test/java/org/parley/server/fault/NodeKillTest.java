package org.parley.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.ok;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.testing.MainProcess;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;
import org.parley.testing.launch.LocalCluster;
import org.parley.testing.launch.RestartableServer;

/**
 * {@code kill -9} of one node of three while clients on every node send: the killed node's clients resume on the
 * others within 30 s, and every acknowledged message is in history exactly once (sends retried with their
 * idempotency keys after the failover, whether or not their {@code ok} was lost with the node).
 *
 * <p>The clients here are protocol clients doing what the client core does (docs/client-core.md, "Failover"): on a
 * lost link, the next node in the list, {@code resume} with the token, the unacknowledged send again with its key.
 */
class NodeKillTest {
    private static final int NODES = 3;
    private static final int CLIENTS_PER_NODE = 3;
    private static final int MESSAGES = 20;
    /** Acknowledged sends per client before the kill: the kill lands in the middle of the load. */
    private static final int BEFORE_KILL = 5;
    private static final Duration FAILOVER = Duration.ofSeconds(30);
    private static final Duration WHOLE_RUN = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    /** One sending client: which node it is on, its resume token, what it got acknowledged. */
    private final class Sender {
        final String user;
        final List<RestartableServer> nodes;
        int node;
        TestClient link;
        String token;
        final Map<String, Long> acked = new HashMap<>();
        volatile long resumedAfterKillNanos = -1;

        Sender(String user, List<RestartableServer> nodes, int node) {
            this.user = user;
            this.nodes = nodes;
            this.node = node;
        }

        void login() throws Exception {
            link = connect(nodes.get(node));
            TestServer.register(link, user);
            token = ok(link.request(new Request.Login(link.nextId(), user, TestServer.PASSWORD))).resume();
        }

        /** Sends MESSAGES, each until acknowledged; counts down {@code warm} after BEFORE_KILL of them. */
        Void run(CountDownLatch warm, long[] killedAt) throws Exception {
            for (int i = 0; i < MESSAGES; i++) {
                String key = user + "-" + i;
                while (!acked.containsKey(key)) {
                    ServerMessage reply;
                    try {
                        reply = link.request(new Request.Send(link.nextId(), "#general", "text of " + key, key));
                    } catch (IOException lost) {
                        failOver(killedAt);
                        continue;
                    }
                    if (reply instanceof ServerMessage.Ok ok) {
                        acked.put(key, ok.msg().id());
                    } else if (!(reply instanceof ServerMessage.Error e && retryable(e.code()))) {
                        throw new AssertionError(user + ": " + reply);
                    }
                }
                if (i + 1 == BEFORE_KILL) {
                    warm.countDown();
                }
            }
            return null;
        }

        /** The next node that answers, resumed with the token; bounded by FAILOVER from the kill. */
        private void failOver(long[] killedAt) throws Exception {
            link.close();
            long deadline = System.nanoTime() + FAILOVER.toNanos();
            while (true) {
                node = (node + 1) % nodes.size();
                try {
                    link = connect(nodes.get(node));
                    ServerMessage reply = link.request(new Request.Resume(link.nextId(), token));
                    if (reply instanceof ServerMessage.Ok ok) {
                        token = ok.resume();
                        resumedAfterKillNanos = System.nanoTime() - killedAt[0];
                        return;
                    }
                    link.close();
                } catch (IOException | java.security.GeneralSecurityException unreachable) {
                    // the killed node refuses at once: on to the next
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(user + " found no node within " + FAILOVER);
                }
            }
        }
    }

    private static boolean retryable(ErrorCode code) {
        return code == ErrorCode.UNAVAILABLE || code == ErrorCode.OUTCOME_UNKNOWN || code == ErrorCode.INTERNAL;
    }

    private static TestClient connect(RestartableServer node) throws Exception {
        TestClient client = TestClient.connect(new InetSocketAddress(node.host(), node.port()), node.fingerprint());
        client.await(ServerMessage.Welcome.class);
        return client;
    }

    @Test
    void theKilledNodesClientsResumeElsewhereAndEveryAcknowledgedMessageIsStoredOnce() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir, MainProcess.launcher(), NODES, false,
                List.of("--hash-cost", "64,1,1", "--register-burst", "1000000", "--register-rate", "1000000",
                        "--flood-burst", "1000000", "--flood-rate", "1000000"))) {
            List<RestartableServer> nodes = cluster.nodes();
            List<Sender> senders = new ArrayList<>();
            for (int i = 0; i < NODES * CLIENTS_PER_NODE; i++) {
                Sender sender = new Sender("user" + i, nodes, i % NODES);
                sender.login();
                senders.add(sender);
            }
            CountDownLatch warm = new CountDownLatch(senders.size());
            long[] killedAt = new long[1];
            ExecutorService pool = Executors.newFixedThreadPool(senders.size());
            try {
                List<Future<Void>> running = new ArrayList<>();
                senders.forEach(s -> running.add(pool.submit(() -> s.run(warm, killedAt))));
                assertTrue(warm.await(WHOLE_RUN.toSeconds(), TimeUnit.SECONDS), "every client sent " + BEFORE_KILL);
                killedAt[0] = System.nanoTime();
                nodes.get(0).kill();
                for (Future<Void> f : running) {
                    f.get(WHOLE_RUN.toSeconds(), TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            for (Sender s : senders) {
                if (senders.indexOf(s) % NODES == 0) { // started on node 0, the one killed
                    assertTrue(s.resumedAfterKillNanos >= 0, s.user + " was on the killed node and resumed elsewhere");
                    assertTrue(s.resumedAfterKillNanos <= FAILOVER.toNanos(), s.user + " resumed after "
                            + Duration.ofNanos(s.resumedAfterKillNanos));
                }
            }
            Map<String, Integer> stored = new ConcurrentHashMap<>();
            Sender reader = senders.get(1); // on a node that lives
            for (ChatMessage m : history(reader.link)) {
                stored.merge(m.text(), 1, Integer::sum);
            }
            int acknowledged = 0;
            for (Sender s : senders) {
                for (Map.Entry<String, Long> ack : s.acked.entrySet()) {
                    acknowledged++;
                    assertEquals(1, stored.getOrDefault("text of " + ack.getKey(), 0), "stored once: " + ack.getKey());
                }
            }
            assertEquals(NODES * CLIENTS_PER_NODE * MESSAGES, acknowledged);
            assertEquals(acknowledged, stored.size(), "nothing stored that was not acknowledged: " + stored.size());
            senders.forEach(s -> s.link.close());
        }
    }

    /** All of #general, oldest first, page by page after the newest id read. */
    private static List<ChatMessage> history(TestClient client) throws Exception {
        List<ChatMessage> all = new ArrayList<>();
        long after = 0;
        while (true) {
            ServerMessage reply = client.request(new Request.History(client.nextId(), "#general", null, after, 200));
            ServerMessage.History page = (ServerMessage.History) reply;
            all.addAll(page.messages());
            if (page.messages().isEmpty() || !Boolean.TRUE.equals(page.more())) {
                return all;
            }
            after = page.messages().get(page.messages().size() - 1).id();
        }
    }
}
