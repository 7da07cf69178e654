package org.parley.bench.parley;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

import org.parley.server.store.Database;
import org.parley.server.store.SqlStore;
import org.parley.server.store.Store;

/**
 * The SQLite store's writer alone, no network: appends through {@link Store.Messages#append} from ten senders into
 * one room, at most 2,000 in flight, and prints messages per second and the writer thread's CPU per message (which,
 * unlike the rate, holds up on a busy machine). For changes to what one message costs the single writer (FINDINGS
 * stop 13): {@code java -cp server/target/parley-server.jar:releng/bench/target/parley-bench.jar
 * org.parley.bench.parley.WriterBenchmark [messagesPerRound] [rounds]} (the server jar first: it brings SQLite).
 */
public final class WriterBenchmark {
    private static final int SENDERS = 10;
    private static final int IN_FLIGHT = 2_000;

    private WriterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path dir = Files.createTempDirectory("parley-writer-bench");
        try (Store store = SqlStore.sqlite(Database.open(dir.resolve("parley.db")))) {
            for (int i = 0; i < SENDERS; i++) {
                store.users().add("user" + i, "h", 1, null).join();
            }
            for (int round = 1; round <= rounds; round++) {
                long cpuBefore = writerCpuNanos();
                long start = System.nanoTime();
                Deque<CompletableFuture<?>> inFlight = new ArrayDeque<>();
                for (int i = 0; i < messages; i++) {
                    String sender = "user" + (i % SENDERS);
                    inFlight.add(store.messages().append(new Store.NewMessage("#general", sender, sender, "#general",
                            "hello there, this is message " + i + " of the writer benchmark", null, Instant.now()), null));
                    if (inFlight.size() >= IN_FLIGHT) {
                        inFlight.poll().join();
                    }
                }
                inFlight.forEach(CompletableFuture::join);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuMicros = (writerCpuNanos() - cpuBefore) / 1e3 / messages;
                System.out.printf("round %d: %,.0f messages/s, writer CPU %.1f µs per message, load %s%n", round,
                        messages / seconds, cpuMicros, loadAverage());
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String loadAverage() throws java.io.IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static long writerCpuNanos() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("parley-db-writer")) {
                return ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId());
            }
        }
        throw new IllegalStateException("no parley-db-writer thread");
    }
}
