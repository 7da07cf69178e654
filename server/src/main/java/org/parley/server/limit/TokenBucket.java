package org.parley.server.limit;

import java.time.Clock;
import java.time.Instant;

/**
 * Classic token bucket: {@code capacity} tokens, refilled continuously at {@code perSecond}. A request
 * takes one token; when none is left the caller learns how long until one is. Thread-safe. Time comes from the
 * server's {@link Clock} (tests move it by hand instead of sleeping). Why not Guava's {@code RateLimiter} or
 * Bucket4j: the protocol's {@code retryAfterMs} needs "how long until a token" without blocking, which RateLimiter
 * does not say, and Bucket4j would be a shaded dependency for these fifty lines.
 */
public final class TokenBucket {
    private final double capacity;
    private final double perNano;
    private final Clock clock;
    private double tokens;
    private long last;

    public TokenBucket(double capacity, double perSecond, Clock clock) {
        this(capacity, perSecond, clock, nanos(clock));
    }

    TokenBucket(double capacity, double perSecond, long now) {
        this(capacity, perSecond, Clock.systemUTC(), now);
    }

    private TokenBucket(double capacity, double perSecond, Clock clock, long now) {
        if (capacity < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("capacity >= 1 and perSecond > 0 required");
        }
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.clock = clock;
        this.tokens = capacity;
        this.last = now;
    }

    /** Takes a token: 0 on success, otherwise the milliseconds (at least 1) until one is available. */
    public long tryTake() {
        return tryTake(nanos(clock));
    }

    synchronized long tryTake(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e6));
    }

    /** Gives a token back, e.g. when an attempt that was charged up front turned out legitimate. */
    public synchronized void refund() {
        tokens = Math.min(capacity, tokens + 1);
    }

    /** True when the bucket is full again, i.e. it carries no state worth keeping. */
    public boolean isFull() {
        return isFull(nanos(clock));
    }

    synchronized boolean isFull(long now) {
        refill(now);
        return tokens >= capacity;
    }

    /** The clock's time in nanoseconds since the epoch (fits a long until 2262). */
    static long nanos(Clock clock) {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private void refill(long now) {
        long elapsed = now - last;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * perNano);
            last = now;
        } else if (elapsed < 0) {
            // The wall clock was set back: start counting from the new time rather than wait for the old one.
            last = now;
        }
    }
}
