package org.parley.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Starts many asynchronous tasks (connect, log in...) with bounded concurrency and a deadline for all of them. */
public final class Batch {
    /**
     * Concurrent logins while setting a scenario up: below Parley's login hashing queue (64), so setting up does
     * not trip its load shedding (RATE_LIMITED, retry after a second), which only the login storm measures.
     */
    public static final int SETUP_CONCURRENCY = 48;
    private Batch() {
    }

    /** What a batch got done: the results in start order (failures left out) and the first failure, if any. */
    public record Outcome<T>(List<T> done, int asked, Throwable firstFailure, Duration took) {
        public boolean complete() {
            return done.size() == asked;
        }

        /** The results, or an exception saying how many of how many failed and why. */
        public List<T> orThrow(String what) {
            if (!complete()) {
                throw new IllegalStateException(what + ": " + done.size() + " of " + asked + " done in " + took, firstFailure);
            }
            return done;
        }
    }

    public static <T> Outcome<T> run(int count, int concurrency, Duration timeout, IntFunction<CompletableFuture<T>> start)
            throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        List<CompletableFuture<T>> started = new ArrayList<>();
        long begin = System.nanoTime();
        long deadline = begin + timeout.toNanos();
        for (int i = 0; i < count; i++) {
            if (!slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            CompletableFuture<T> task;
            try {
                task = start.apply(i);
            } catch (RuntimeException e) {
                task = CompletableFuture.failedFuture(e);
            }
            started.add(task.whenComplete((v, e) -> slots.release()));
        }
        List<T> done = new ArrayList<>();
        Throwable failure = null;
        for (CompletableFuture<T> f : started) {
            try {
                done.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (Exception e) {
                failure = failure == null ? e : failure;
            }
        }
        return new Outcome<>(done, count, failure, Duration.ofNanos(System.nanoTime() - begin));
    }
}
