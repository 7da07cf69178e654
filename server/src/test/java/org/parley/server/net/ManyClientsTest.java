package org.parley.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.server.testing.Replies.ok;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.ServerConfig;
import org.parley.server.testing.ServerTestBase;
import org.parley.server.testing.TestClient;

/**
 * A few hundred TLS clients at once: they log in concurrently, many send at the same time (so the writer
 * group-commits), and every one of them receives every message exactly once, in id order.
 */
class ManyClientsTest extends ServerTestBase {
    private static final int CLIENTS = 200;
    private static final int SENDERS = 25;

    @Override
    protected void configure(ServerConfig config) {
        config.loginThrottle(5, 1, CLIENTS * 2, 60);
    }

    @Test
    void everyoneGetsEveryMessageInOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<TestClient>> connecting = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String name = "user" + i;
                connecting.add(pool.submit(() -> server.login(name)));
            }
            List<TestClient> clients = new ArrayList<>();
            for (Future<TestClient> f : connecting) {
                clients.add(f.get());
            }
            assertEquals(CLIENTS, ((ServerMessage.Users) clients.get(0).request(new Request.Users("u"))).online().size());

            List<Future<ChatMessage>> sends = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) {
                TestClient sender = clients.get(i);
                int n = i;
                sends.add(pool.submit(() -> ok(sender.request(new Request.Send("s", "#general", "from " + n, null))).msg()));
            }
            Set<Long> sent = new HashSet<>();
            for (Future<ChatMessage> f : sends) {
                sent.add(f.get().id());
            }
            assertEquals(SENDERS, sent.size());

            for (int i = 0; i < CLIENTS; i++) {
                TestClient client = clients.get(i);
                int expected = i < SENDERS ? SENDERS - 1 : SENDERS;
                long last = -1;
                Set<Long> received = new HashSet<>();
                for (int k = 0; k < expected; k++) {
                    long id = client.await(ServerMessage.MessagePush.class).msg().id();
                    assertEquals(true, id > last, "pushes arrive in id order");
                    last = id;
                    received.add(id);
                }
                assertEquals(true, sent.containsAll(received));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
