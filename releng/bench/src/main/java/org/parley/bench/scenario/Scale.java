package org.parley.bench.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.parley.bench.Plan;
import org.parley.bench.load.Batch;
import org.parley.bench.net.LineConnector;
import org.parley.bench.parley.ParleyBot;
import org.parley.bench.parley.ParleyServer;
import org.parley.bench.parley.ParleyTarget;

/**
 * Holds K logged-in TLS sessions on one Parley server and measures its live heap (after a full GC, through
 * jcmd) and resident memory at each K; per-session figures are the growth over the idle server divided by K.
 * Two series, each on a fresh server: one account per session (protocol 2 announced every login to every session,
 * O(N²) pushes in all, which stopped this series at about 17,800; protocol 3 announces it to the account's watchers
 * only), then {@link Plan#sessionsPerUser()} sessions per account, as earlier runs had it. Sessions are added in stages; a series stops when a stage cannot finish
 * within its bound or when the plan's bound is spent before a stage starts, and says so.
 */
public final class Scale {

    public record Point(int sessions, double stageSeconds, long heapKiB, double heapKiBPerSession, long rssKiB,
            double rssKiBPerSession) {
    }

    public record Series(int sessionsPerUser, long idleHeapKiB, long idleRssKiB, List<Point> points, int reached, String stopped) {
    }

    public record Result(List<Series> series) {
        /** The series that got furthest. */
        public Series largest() {
            return series.stream().max((a, b) -> Integer.compare(a.reached(), b.reached())).orElseThrow();
        }
    }

    private final ScenarioContext context;

    public Scale(ScenarioContext context) {
        this.context = context;
    }

    public Result run() throws Exception {
        return new Result(List.of(series(1), series(context.plan().sessionsPerUser())));
    }

    /** Shared accounts may take twice the budget per stage: the last stage holds half of all sessions. */
    private java.time.Duration stageBound(int perUser) {
        return perUser == 1 ? context.plan().seatTimeout() : context.plan().seatTimeout().multipliedBy(2);
    }

    private Series series(int perUser) throws Exception {
        Path dir = Files.createDirectories(context.work().resolve("scale-" + perUser));
        int most = context.plan().scaleSessions().get(context.plan().scaleSessions().size() - 1);
        List<ParleyBot> bots = new ArrayList<>();
        try (ParleyServer server = ParleyServer.start(context.serverJar(), dir, dir, false);
                LineConnector connector = ParleyTarget.connector(server, context.ioThreads(), context.sourceAddresses())) {
            long idleHeap = server.heapUsedKiB();
            long idleRss = server.rssKiB();
            List<Point> points = new ArrayList<>();
            String stopped = null;
            long begin = System.nanoTime();
            try {
                for (int target : context.plan().scaleSessions()) {
                    if (System.nanoTime() - begin > context.plan().seatTimeout().toNanos()) {
                        stopped = "time budget (" + context.plan().seatTimeout() + ") spent before the stage to " + target + " sessions";
                        break;
                    }
                    int from = bots.size();
                    Batch.Outcome<ParleyBot> stage = Batch.run(target - from, Batch.SETUP_CONCURRENCY, stageBound(perUser),
                            i -> ParleyBot.connect(connector, ParleyTarget.ROOM, null)
                                    .thenCompose(bot -> bot.registerAndLogin("scale" + Plan.account(from + i, most, perUser))));
                    bots.addAll(stage.done());
                    if (!stage.complete()) {
                        stopped = "stage to " + target + " sessions: only " + bots.size() + " logged in within "
                                + stageBound(perUser) + (stage.firstFailure() == null ? "" : " (" + stage.firstFailure() + ")");
                        break;
                    }
                    Thread.sleep(2000);
                    long heap = server.heapUsedKiB();
                    long rss = server.rssKiB();
                    int k = bots.size();
                    Point p = new Point(k, stage.took().toMillis() / 1000.0, heap, (heap - idleHeap) / (double) k, rss,
                            (rss - idleRss) / (double) k);
                    points.add(p);
                    FanOutSuite.log("scale (%d per account): %d sessions (stage %.1f s): heap %d KiB (%.1f KiB/session), RSS %d KiB"
                            + " (%.1f KiB/session)", perUser, k, p.stageSeconds(), heap, p.heapKiBPerSession(), rss, p.rssKiBPerSession());
                }
            } finally {
                // Server first: closing 20,000 clients one by one would only measure the offline announcements.
                server.close();
                bots.forEach(ParleyBot::close);
            }
            return new Series(perUser, idleHeap, idleRss, points, bots.size(), stopped);
        }
    }
}
