package org.parley.server.limit;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link TokenBucket} per key (an account name, an address). Full buckets are dropped on a periodic
 * sweep, so an attacker cycling through keys cannot grow the map beyond what it costs them in tokens.
 */
public final class KeyedThrottle implements Throttle {
    private static final int SWEEP_EVERY = 1024;

    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final double capacity;
    private final double perSecond;
    private final Clock clock;
    private int untilSweep = SWEEP_EVERY;

    /** {@code name} is unused: a node's own budgets need no name (the cluster's do, see {@link Throttle.Factory}). */
    KeyedThrottle(String name, double capacity, double perSecond, Clock clock) {
        this(capacity, perSecond, clock);
    }

    public KeyedThrottle(double capacity, double perSecond, Clock clock) {
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.clock = clock;
    }

    @Override
    public long tryTake(String key) {
        sweepNow();
        return buckets.computeIfAbsent(key, k -> new TokenBucket(capacity, perSecond, clock)).tryTake();
    }

    @Override
    public void refund(String key) {
        TokenBucket bucket = buckets.get(key);
        if (bucket != null) {
            bucket.refund();
        }
    }

    private void sweepNow() {
        boolean sweep;
        synchronized (this) {
            sweep = --untilSweep <= 0;
            if (sweep) {
                untilSweep = SWEEP_EVERY;
            }
        }
        if (sweep) {
            buckets.values().removeIf(TokenBucket::isFull);
        }
    }

    int size() {
        return buckets.size();
    }
}
