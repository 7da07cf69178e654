package org.parley.server.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;

/**
 * Not a test: measures send throughput and acknowledgement latency (each ack waits for an fsynced group
 * commit) with many concurrent senders against a real server. Run from the test classpath:
 * {@code java -cp <test classpath> org.parley.server.bench.SendBenchmark [clients] [messagesPerClient]}.
 * All sends are pipelined at once, so latency includes queueing; keep messagesPerClient at most 256, the
 * server's per-connection limit on requests in flight.
 */
public final class SendBenchmark {
    private SendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int perClient = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path dir = Files.createTempDirectory("parley-bench");
        try (TestServer server = TestServer.start(dir, c -> c.flood(1_000_000, 1_000_000).loginThrottle(10, 10, 100_000, 100_000))) {
            List<TestClient> senders = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                TestClient c = server.login("bench" + i);
                c.request(new Request.Join(c.nextId(), "#bench" + i));
                senders.add(c);
            }
            long[] latencies = new long[clients * perClient];
            List<CompletableFuture<?>> all = new ArrayList<>();
            long start = System.nanoTime();
            for (int m = 0; m < perClient; m++) {
                for (int i = 0; i < clients; i++) {
                    TestClient c = senders.get(i);
                    int slot = m * clients + i;
                    long sent = System.nanoTime();
                    all.add(c.send(new Request.Send(c.nextId(), "#bench" + i, "message " + m, null))
                            .thenAccept(reply -> {
                                if (!(reply instanceof ServerMessage.Ok)) {
                                    throw new IllegalStateException(reply.toString());
                                }
                                latencies[slot] = System.nanoTime() - sent;
                            }));
                }
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            System.out.printf("%d clients x %d sends: %.0f acknowledged sends/s; ack latency p50 %.1f ms, p99 %.1f ms%n",
                    clients, perClient, latencies.length / seconds, latencies[latencies.length / 2] / 1e6,
                    latencies[(int) (latencies.length * 0.99)] / 1e6);
        }
    }
}
