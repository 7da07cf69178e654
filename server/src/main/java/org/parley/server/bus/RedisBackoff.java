package org.parley.server.bus;

/**
 * The wait between attempts to reach the bus's Redis: the first wait, doubled per failure up to the last, back to the
 * first once Redis answers. One per thread that reconnects (the bus's publisher and subscriber).
 */
final class RedisBackoff {
    static final long FIRST_MILLIS = 100;
    static final long LAST_MILLIS = 2_000;

    /** Volatile: the subscriber resets it from a callback of its subscription. */
    private volatile long wait = FIRST_MILLIS;

    /** Redis answered: the next failure waits the first wait again. */
    void reset() {
        wait = FIRST_MILLIS;
    }

    /** Waits before the next attempt (an interrupt cuts it short and stays set); the one after waits longer. */
    void pause() {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        wait = Math.min(wait * 2, LAST_MILLIS);
    }
}
