package org.parley.bench.scenario;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.mina.filter.codec.textline.LineDelimiter;
import org.parley.bench.Bench;
import org.parley.bench.load.Batch;
import org.parley.bench.net.LineConnector;
import org.parley.bench.net.PinnedTrust;
import org.parley.bench.parley.ParleyBot;

/**
 * One generator process of {@link ClusterSessions}: logs {@code count} sessions of distinct accounts into one node and
 * holds them. One process cannot hold more than {@link org.parley.bench.Plan#FD_LIMITED_SESSIONS} connections (the
 * sandbox's descriptor limit), so 100,000 sessions need several of these.
 *
 * <p>{@code SessionHolder HOST:PORT NODE_DATA_DIR FIRST COUNT IO_THREADS SOURCE_ADDRESSES TIMEOUT_SECONDS}. Talks to its
 * parent in lines: prints {@code READY <logged in> <milliseconds> <first failure or ->} once every login has finished
 * or the timeout ran out; on {@code close} from standard input it closes its sessions and prints {@code CLOSED}; it
 * exits when standard input ends (the parent stopped or died).
 */
public final class SessionHolder {
    private SessionHolder() {
    }

    public static void main(String[] args) throws Exception {
        Bench.installGeneratorCrypto();
        String[] hostPort = args[0].split(":");
        InetSocketAddress node = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
        Path nodeData = Path.of(args[1]);
        int first = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        int ioThreads = Integer.parseInt(args[4]);
        int sourceAddresses = Integer.parseInt(args[5]);
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[6]));

        try (LineConnector connector = new LineConnector(PinnedTrust.context(PinnedTrust.fromParleyDataDir(nodeData)), node,
                LineDelimiter.UNIX, ioThreads, sourceAddresses)) {
            Batch.Outcome<ParleyBot> outcome = Batch.run(count, Batch.SETUP_CONCURRENCY, timeout,
                    i -> ParleyBot.connect(connector, null, null).thenCompose(bot -> bot.registerAndLogin(ClusterSessions.account(first + i))));
            List<ParleyBot> bots = outcome.done();
            String failure = outcome.firstFailure() == null ? "-" : outcome.firstFailure().toString().replace('\n', ' ');
            say("READY " + bots.size() + " " + outcome.took().toMillis() + " " + failure);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("close")) {
                    bots.forEach(ParleyBot::close);
                    CompletableFuture.allOf(bots.stream().map(ParleyBot::closedFuture).toArray(CompletableFuture[]::new))
                            .get(timeout.toSeconds(), TimeUnit.SECONDS);
                    say("CLOSED");
                }
            }
        }
        System.exit(0);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
