package org.parley.bench.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.parley.bench.load.Batch;
import org.parley.bench.parley.ParleyBot;
import org.parley.bench.parley.ParleyTarget;

/**
 * Logins with the production Argon2id cost: U accounts log in at once (the server's bounded hashing pool
 * sheds what it cannot queue with RATE_LIMITED, and the bots retry after the delay it names), while a room of
 * chatting clients measures whether chat latency suffers. Latency is measured for the same duration before
 * and during the storm.
 */
public final class LoginStorm {
    private static final int CONCURRENCY = 1000;
    /** A bot whose connection stalls ({@link ParleyBot#REPLY_TIMEOUT}) connects again, this many times in all. */
    private static final int LOGIN_ATTEMPTS = 3;
    /** Messages per second the chat room's one sender offers during the measurement. */
    private static final double CHAT_MESSAGES_PER_SECOND = 50;

    /** {@code failed}: logins that did not succeed within the bound, with the first reason. */
    public record Result(int users, double registerSeconds, double stormSeconds, double loginsPerSecond, long rateLimitedReplies,
            int failed, String firstFailure, int chatClients, Room.Step chatBefore, Room.Step chatDuring) {
    }

    private final AtomicLong lastLogin = new AtomicLong();
    private final ScenarioContext context;

    public LoginStorm(ScenarioContext context) {
        this.context = context;
    }

    public Result run() throws Exception {
        Path dir = Files.createDirectories(context.work().resolve("login"));
        int users = context.plan().loginUsers();
        try (ParleyTarget target = ParleyTarget.start(context.serverJar(), dir, dir, context.ioThreads(), context.sourceAddresses(), true);
                Room room = Room.seat(target, context.plan().loginChatClients(), context.plan().seatTimeout())) {
            double rate = CHAT_MESSAGES_PER_SECOND * (room.clients() - 1);
            Batch.Outcome<ParleyBot> registered = Batch.run(users, Batch.SETUP_CONCURRENCY, context.plan().seatTimeout(), i -> ParleyBot
                    .connect(target.connector(), ParleyTarget.ROOM, null).thenCompose(bot -> bot.register("login" + i)));
            List<ParleyBot> first = registered.orThrow("login storm: registering");
            first.forEach(ParleyBot::close);
            FanOutSuite.log("login: %d accounts registered (real hashing) in %.1f s", users, registered.took().toMillis() / 1000.0);
            room.run(rate, 1, context.plan().step(), context.plan().drain());
            Room.Step before = room.run(rate, 1, context.plan().step(), context.plan().drain());
            lastLogin.set(0);
            long stormStart = System.nanoTime();
            CompletableFuture<Batch.Outcome<ParleyBot>> storm = CompletableFuture.supplyAsync(() -> {
                try {
                    return Batch.run(users, CONCURRENCY, context.plan().seatTimeout(), i -> logIn(target, "login" + i, LOGIN_ATTEMPTS)
                            .thenApply(bot -> {
                                lastLogin.accumulateAndGet(System.nanoTime(), Math::max);
                                return bot;
                            }));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            Room.Step during = room.run(rate, 1, context.plan().step(), context.plan().drain());
            Batch.Outcome<ParleyBot> logins = storm.get();
            List<ParleyBot> in = logins.done();
            long limited = in.stream().mapToLong(ParleyBot::slowedDown).sum();
            in.forEach(ParleyBot::close);
            // Until the last successful login: a login that failed for good must not stretch the rate.
            double seconds = in.isEmpty() ? logins.took().toMillis() / 1000.0 : (lastLogin.get() - stormStart) / 1e9;
            FanOutSuite.log("login: %d of %d logins in %.1f s (%.1f/s, %d RATE_LIMITED retried); chat p99 %.2f ms before, %.2f ms during",
                    in.size(), users, seconds, in.size() / seconds, limited, before.latency().p99(), during.latency().p99());
            return new Result(users, registered.took().toMillis() / 1000.0, seconds, in.size() / seconds, limited, users - in.size(),
                    logins.firstFailure() == null ? null : String.valueOf(logins.firstFailure()), room.clients(), before, during);
        }
    }

    private static CompletableFuture<ParleyBot> logIn(ParleyTarget target, String name, int attemptsLeft) {
        CompletableFuture<ParleyBot> attempt = ParleyBot.connect(target.connector(), ParleyTarget.ROOM, null)
                .thenCompose(bot -> bot.login(name).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        bot.close();
                    }
                }));
        return attemptsLeft <= 1 ? attempt : attempt.exceptionallyCompose(failure -> logIn(target, name, attemptsLeft - 1));
    }
}
