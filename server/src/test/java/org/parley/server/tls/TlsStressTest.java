package org.parley.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.ok;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.ServerConfig;
import org.parley.server.testing.ServerTestBase;
import org.parley.server.testing.TestClient;

/**
 * MINA's SslFilter under the conditions reported to deadlock it: many threads writing to the same TLS
 * sessions at once (fan-out from the writer thread, replies from request threads, presence pushes) while
 * peers vanish mid-stream with a TCP reset or half-finished handshakes. The server must keep serving.
 */
class TlsStressTest extends ServerTestBase {
    private static final int STEADY = 30;
    private static final int SENDERS = 6;
    private static final int MESSAGES_EACH = 40;
    private static final int CHURN = 40;

    @Override
    protected void configure(ServerConfig config) {
        config.flood(10_000, 10_000).loginThrottle(100, 100, 10_000, 10_000);
    }

    @Test
    void concurrentWritesAndAbruptClosesDoNotWedgeTheServer() throws Exception {
        List<TestClient> steady = new ArrayList<>();
        for (int i = 0; i < STEADY; i++) {
            steady.add(server.login("steady" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS + 2);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                TestClient sender = steady.get(s);
                work.add(pool.submit(() -> {
                    for (int m = 0; m < MESSAGES_EACH; m++) {
                        // Pipelined: the next send goes out before the previous ack arrives.
                        sender.send(new Request.Send(sender.nextId(), "#general", "load " + m, null));
                    }
                    return sender.request(new Request.Ping("done"));
                }));
            }
            work.add(pool.submit(() -> {
                for (int i = 0; i < CHURN; i++) {
                    TestClient victim = server.login("victim" + (i % 5));
                    victim.send(new Request.History(victim.nextId(), "#general", null, null, 200));
                    victim.abort();
                }
                return null;
            }));
            work.add(pool.submit(() -> {
                for (int i = 0; i < CHURN; i++) {
                    halfHandshake();
                }
                return null;
            }));
            for (Future<?> f : work) {
                f.get(120, TimeUnit.SECONDS);
            }
            int expected = SENDERS * MESSAGES_EACH;
            for (TestClient client : steady.subList(SENDERS, STEADY)) {
                for (int k = 0; k < expected; k++) {
                    client.await(ServerMessage.MessagePush.class);
                }
            }
            TestClient late = server.login("late");
            late.watch("victim0", "victim1", "victim2", "victim3", "victim4");
            ok(late.request(new Request.Send("x", "#general", "still serving", null)));
            assertEquals("still serving", steady.get(STEADY - 1).await(ServerMessage.MessagePush.class).msg().text());
            awaitOnlyLateBesidesSteady(late);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Every aborted victim is eventually seen as gone (the server notices each reset on its own schedule): while one is
     * still listed, wait for the next user to go offline (a presence push), then look again.
     */
    private void awaitOnlyLateBesidesSteady(TestClient c) throws Exception {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        List<String> others = othersThanSteady(c);
        while (!others.equals(List.of("late")) && System.nanoTime() < deadline) {
            c.await(ServerMessage.Presence.class, p -> !p.online());
            others = othersThanSteady(c);
        }
        assertEquals(List.of("late"), others, "no aborted session lingers in presence");
    }

    private static List<String> othersThanSteady(TestClient c) throws Exception {
        List<String> online = ((ServerMessage.Users) c.request(new Request.Users(c.nextId()))).online();
        return online.stream().filter(n -> !n.startsWith("steady")).toList();
    }

    /** Starts a TLS handshake with a partial ClientHello and resets the connection. */
    private void halfHandshake() throws Exception {
        try (Socket raw = new Socket(server.server().address().getAddress(), server.server().address().getPort())) {
            OutputStream out = raw.getOutputStream();
            out.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03});
            out.flush();
            raw.setSoLinger(true, 0);
        }
    }

    @Test
    void plaintextClientsAreRejected() throws Exception {
        try (Socket raw = new Socket(server.server().address().getAddress(), server.server().address().getPort())) {
            raw.getOutputStream().write("{\"type\":\"ping\",\"id\":\"1\"}\n".getBytes(StandardCharsets.UTF_8));
            raw.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
            InputStream in = raw.getInputStream();
            int first;
            try {
                first = in.read();
                while (in.read() != -1) {
                    // Drain whatever alert the TLS layer sends until the server hangs up.
                }
            } catch (SocketException reset) {
                first = -1;
            }
            assertTrue(first == -1 || first == 0x15, "only a TLS alert record (0x15) or a hang-up, got " + first);
        }
        TestClient fine = server.login("afterwards");
        assertEquals(new ServerMessage.Pong("p"), fine.request(new Request.Ping("p")));
    }
}
