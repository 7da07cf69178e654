package org.parley.bench.parley;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.parley.bench.load.Deliveries;
import org.parley.bench.net.LineConnector;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;

/**
 * Send throughput and acknowledgement latency (each ack waits for an fsynced group commit) with many concurrent
 * senders, each in a room of its own, against the built server jar:
 * {@code java -cp releng/bench/target/parley-bench.jar org.parley.bench.parley.SendBenchmark SERVER_JAR [clients]
 * [messagesPerClient]}. All sends are pipelined at once, so latency includes queueing; keep messagesPerClient at most
 * 256, the server's per-connection limit on requests in flight.
 */
public final class SendBenchmark {
    private SendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: SendBenchmark SERVER_JAR [clients] [messagesPerClient]");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int perClient = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path dir = Files.createTempDirectory("parley-send-bench");
        try (ParleyServer server = ParleyServer.start(jar, dir.resolve("data"), dir, false);
                LineConnector connector = ParleyTarget.connector(server, 2, 1)) {
            List<ParleyBot> senders = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                senders.add(ParleyBot.connect(connector, "#bench" + i, new Deliveries())
                        .thenCompose(bot -> bot.registerAndLogin("bench" + senders.size()))
                        .thenCompose(ParleyBot::join).join());
            }
            long[] latencies = new long[clients * perClient];
            List<CompletableFuture<?>> all = new ArrayList<>();
            long start = System.nanoTime();
            for (int m = 0; m < perClient; m++) {
                for (int i = 0; i < clients; i++) {
                    int slot = m * clients + i;
                    String room = "#bench" + i;
                    String text = "message " + m;
                    long sent = System.nanoTime();
                    all.add(senders.get(i).request(id -> new Request.Send(id, room, text, null)).thenAccept(reply -> {
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
            senders.forEach(ParleyBot::close);
        }
    }
}
