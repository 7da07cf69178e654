package org.parley.bench.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.parley.bench.Plan;
import org.parley.bench.load.Batch;
import org.parley.bench.net.LineConnector;
import org.parley.bench.parley.ParleyBot;
import org.parley.bench.parley.ParleyServer;
import org.parley.bench.parley.ParleyTarget;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Limits;

/**
 * Reconnect storm: K clients logged in ({@link Plan#sessionsPerUser()} sessions per account), the server is stopped (SIGTERM) and started again on the same port
 * and data. Every client reconnects as the client core does (connect timeout 10 s; retries after 1 s doubling to
 * 30 s, with jitter), resumes with its resume token (or logs in with its password if that token was spent), then asks for
 * what it missed. Meanwhile the first client back sends a few messages to #general, so "caught up" means:
 * history answered and every one of those messages seen (pushed or in the history page).
 */
public final class Reconnect {
    /** Messages sent by the first client back, which every client must end up having seen. */
    static final int CATCH_UP_MESSAGES = 5;
    private static final String MARK = "~R ";
    /** As the client core's defaults (ClientOptions): connect timeout, first retry delay, longest retry delay. */
    private static final java.time.Duration CONNECT_TIMEOUT = java.time.Duration.ofSeconds(10);
    private static final long RETRY_BASE_MILLIS = 1_000;
    private static final long RETRY_MAX_MILLIS = 30_000;

    /** Times in seconds; "back" and "caught up" are measured from the moment the restarted server listens. */
    public record Result(int clients, int sessionsPerUser, double loginSeconds, double stopSeconds, double restartSeconds, double allBackSeconds,
            double allCaughtUpSeconds, int back, int caughtUp, Storm storm, String stopped) {
    }

    /**
     * What the storm cost: connection attempts (one per client if nothing failed), clients back 10/20/30 s after
     * listening, and the CPU seconds each side spent from the moment the restarted server listens until every
     * client has caught up (server: the restarted process; generator: this JVM). The last two say how much of the
     * time is the generator's.
     */
    public record Storm(long attempts, long passwordLogins, int backAfter10s, int backAfter20s, int backAfter30s, double serverCpuSeconds,
            double generatorCpuSeconds) {
    }

    private final ScenarioContext context;

    public Reconnect(ScenarioContext context) {
        this.context = context;
    }

    public Result run() throws Exception {
        Path dir = Files.createDirectories(context.work().resolve("reconnect"));
        int k = context.plan().reconnectClients();
        try (ParleyServer server = ParleyServer.start(context.serverJar(), dir, dir, false);
                LineConnector connector = ParleyTarget.connector(server, context.ioThreads(), context.sourceAddresses())) {
            // Logging ~20,000 sessions in may take longer than one bound on a busy machine: twice, then go on with
            // whoever made it (and say so).
            Batch.Outcome<ParleyBot> login = Batch.run(k, Batch.SETUP_CONCURRENCY, context.plan().seatTimeout().multipliedBy(2),
                    i -> ParleyBot.connect(connector, Limits.GENERAL_ROOM, null)
                            .thenCompose(bot -> bot.registerAndLogin("rc" + Plan.account(i, k, context.plan().sessionsPerUser()))));
            List<ParleyBot> first = login.done();
            if (first.isEmpty()) {
                login.orThrow("reconnect: logging in");
            }
            String shortfall = login.complete() ? null : "only " + first.size() + " of " + k + " clients logged in before the restart";
            FanOutSuite.log("reconnect: %d clients logged in in %.1f s", first.size(), login.took().toMillis() / 1000.0);
            Returning[] clients = new Returning[first.size()];
            AtomicLong firstBack = new AtomicLong();
            AtomicLong attempts = new AtomicLong();
            AtomicLong passwordLogins = new AtomicLong();
            for (int i = 0; i < clients.length; i++) {
                clients[i] = new Returning(connector, first.get(i), firstBack, attempts, passwordLogins);
            }
            long stopStart = System.nanoTime();
            server.stop();
            long stopped = System.nanoTime();
            server.restart();
            long listening = System.nanoTime();
            FanOutSuite.log("reconnect: server stopped in %.1f s, listening again after %.1f s", (stopped - stopStart) / 1e9,
                    (listening - stopped) / 1e9);
            CpuClock cpu = CpuClock.start(List.of(server.pid()));
            long deadline = listening + context.plan().seatTimeout().toNanos();
            String why = shortfall;
            CompletableFuture<Void> all = CompletableFuture.allOf(Arrays.stream(clients).map(c -> c.caughtUp).toArray(CompletableFuture[]::new));
            while (!all.isDone() && System.nanoTime() < deadline) {
                try {
                    all.get(Math.min(1_000_000_000L, Math.max(1, deadline - System.nanoTime())), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    long seconds = (System.nanoTime() - listening) / 1_000_000_000L;
                    if (seconds % 5 == 0) {
                        FanOutSuite.log("reconnect: %d s after listening: %d back, %d connection attempts, server CPU %.1f s, generator CPU %.1f s",
                                seconds, backBy(clients, Long.MAX_VALUE), attempts.get(), cpu.serverSeconds(), cpu.generatorSeconds());
                    }
                }
            }
            if (!all.isDone()) {
                why = (why == null ? "" : why + "; ") + "not every client was back and caught up within " + context.plan().seatTimeout();
            }
            long tenSeconds = 10_000_000_000L;
            Storm storm = new Storm(attempts.get(), passwordLogins.get(), backBy(clients, listening + tenSeconds),
                    backBy(clients, listening + 2 * tenSeconds), backBy(clients, listening + 3 * tenSeconds), cpu.serverSeconds(),
                    cpu.generatorSeconds());
            Result result = result(clients, context.plan().sessionsPerUser(), login, stopStart, stopped, listening, storm, why);
            FanOutSuite.log("reconnect: %d of %d back %.1f s after the restart, %d caught up after %.1f s", result.back(), clients.length,
                    result.allBackSeconds(), result.caughtUp(), result.allCaughtUpSeconds());
            return result;
        }
    }

    /** Clients back (resumed) by {@code nanoTime}. */
    private static int backBy(Returning[] clients, long nanoTime) {
        return (int) Arrays.stream(clients).filter(c -> c.backAt > 0 && c.backAt <= nanoTime).count();
    }

    private static Result result(Returning[] clients, int perUser, Batch.Outcome<ParleyBot> login, long stopStart, long stopped, long listening,
            Storm storm, String why) {
        long lastBack = 0;
        long lastCaughtUp = 0;
        int back = 0;
        int caughtUp = 0;
        for (Returning c : clients) {
            if (c.backAt > 0) {
                back++;
                lastBack = Math.max(lastBack, c.backAt);
            }
            if (c.caughtUp.isDone() && !c.caughtUp.isCompletedExceptionally()) {
                caughtUp++;
                lastCaughtUp = Math.max(lastCaughtUp, c.caughtUpAt);
            }
        }
        return new Result(clients.length, perUser, login.took().toMillis() / 1000.0, (stopped - stopStart) / 1e9, (listening - stopped) / 1e9,
                (lastBack - listening) / 1e9, (lastCaughtUp - listening) / 1e9, back, caughtUp, storm, why);
    }

    /** One client's way back: retry until connected, resume, catch up. */
    private static final class Returning {
        private final LineConnector connector;
        private final String name;
        private final AtomicLong firstBack;
        private final AtomicLong attempts;
        private final AtomicLong passwordLogins;
        private int failures;
        private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
        private final BitSet seen = new BitSet();
        private volatile String token;
        private volatile long backAt;
        private volatile long caughtUpAt;
        private volatile boolean historyDone;

        Returning(LineConnector connector, ParleyBot bot, AtomicLong firstBack, AtomicLong attempts, AtomicLong passwordLogins) {
            this.attempts = attempts;
            this.passwordLogins = passwordLogins;
            this.connector = connector;
            this.name = bot.user();
            this.token = bot.token();
            this.firstBack = firstBack;
            bot.closedFuture().thenRun(this::retrySoon);
        }

        /** The client core's policy: 1 s doubling to 30 s, with equal jitter (half fixed, half random). */
        private void retrySoon() {
            long capped = Math.min(RETRY_MAX_MILLIS, RETRY_BASE_MILLIS << Math.min(failures++, 16));
            long delay = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(this::attempt);
        }

        private void attempt() {
            if (caughtUp.isDone()) {
                return;
            }
            attempts.incrementAndGet();
            ParleyBot[] connected = new ParleyBot[1];
            ParleyBot.connect(connector, Limits.GENERAL_ROOM, null, CONNECT_TIMEOUT).thenCompose(bot -> {
                connected[0] = bot;
                bot.onPush(this::pushed);
                String spent = token;
                return spent != null ? bot.resume(name, spent) : bot.login(name);
            }).thenCompose(bot -> {
                token = bot.token();
                backAt = System.nanoTime();
                if (firstBack.compareAndSet(0, backAt)) {
                    for (int i = 0; i < CATCH_UP_MESSAGES; i++) {
                        bot.say(MARK + i);
                    }
                }
                return bot.catchUp(Limits.MAX_HISTORY_LIMIT);
            }).whenComplete((page, e) -> {
                if (e != null) {
                    if (connected[0] != null) {
                        connected[0].close();
                    }
                    if (e.getCause() instanceof ParleyBot.Refused refused && refused.code() == ErrorCode.AUTH_FAILED) {
                        // The token was spent by a resume whose reply never arrived: log in with the password,
                        // as protocol.md 6.5 tells a client to (the client core asks its user for it).
                        token = null;
                        passwordLogins.incrementAndGet();
                    }
                    retrySoon();
                    return;
                }
                page.messages().stream().map(ChatMessage::text).forEach(this::saw);
                historyDone = true;
                check();
            });
        }

        private void pushed(String line) {
            int at = line.indexOf(MARK);
            if (at >= 0) {
                saw(line.substring(at, Math.min(line.length(), at + MARK.length() + 3)));
            }
        }

        private void saw(String text) {
            if (!text.startsWith(MARK)) {
                return;
            }
            int n = 0;
            for (int i = MARK.length(); i < text.length() && Character.isDigit(text.charAt(i)); i++) {
                n = n * 10 + (text.charAt(i) - '0');
            }
            synchronized (seen) {
                seen.set(n);
            }
            check();
        }

        private void check() {
            boolean all;
            synchronized (seen) {
                all = seen.cardinality() >= CATCH_UP_MESSAGES;
            }
            if (historyDone && all && !caughtUp.isDone()) {
                caughtUpAt = System.nanoTime();
                caughtUp.complete(null);
            }
        }
    }
}
