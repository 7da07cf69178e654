package org.parley.server.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.parley.server.testing.ManualClock;

/** The bucket's arithmetic, on an explicit clock (nanoseconds), so nothing here depends on timing. */
class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void burstThenSteadyRate() {
        TokenBucket bucket = new TokenBucket(3, 2, 0);
        assertEquals(0, bucket.tryTake(0));
        assertEquals(0, bucket.tryTake(0));
        assertEquals(0, bucket.tryTake(0));
        assertEquals(500, bucket.tryTake(0), "one token every 500 ms at 2/s");
        assertEquals(250, bucket.tryTake(SECOND / 4));
        assertEquals(0, bucket.tryTake(SECOND / 2));
        assertTrue(bucket.tryTake(SECOND / 2) > 0);
    }

    @Test
    void refillIsCappedAtCapacity() {
        TokenBucket bucket = new TokenBucket(2, 1, 0);
        assertTrue(bucket.isFull(100 * SECOND));
        assertEquals(0, bucket.tryTake(100 * SECOND));
        assertEquals(0, bucket.tryTake(100 * SECOND));
        assertTrue(bucket.tryTake(100 * SECOND) > 0, "a long pause does not bank more than the capacity");
    }

    @Test
    void refundGivesATokenBackButNeverBeyondCapacity() {
        TokenBucket bucket = new TokenBucket(1, 0.001, 0);
        assertEquals(0, bucket.tryTake(0));
        assertTrue(bucket.tryTake(0) > 0);
        bucket.refund();
        assertEquals(0, bucket.tryTake(0));
        bucket.refund();
        bucket.refund();
        assertTrue(bucket.isFull(0));
        assertEquals(0, bucket.tryTake(0));
        assertFalse(bucket.isFull(0));
    }

    @Test
    void aClockSetBackDoesNotFreezeTheBucket() {
        TokenBucket bucket = new TokenBucket(1, 1, 3600 * SECOND);
        assertEquals(0, bucket.tryTake(3600 * SECOND));
        assertTrue(bucket.tryTake(0) > 0, "set back an hour: nothing refilled");
        assertEquals(0, bucket.tryTake(SECOND), "a second after the new time, not an hour and a second");
    }

    @Test
    void keyedThrottleKeepsKeysApartAndForgetsIdleOnes() {
        ManualClock clock = new ManualClock();
        KeyedThrottle throttle = new KeyedThrottle(1, 1000, clock);
        assertEquals(0, throttle.tryTake("a"));
        assertTrue(throttle.tryTake("a") > 0);
        assertEquals(0, throttle.tryTake("b"), "another key has its own bucket");
        for (int i = 0; i < 5000; i++) {
            throttle.tryTake("k" + i);
            clock.advance(Duration.ofMillis(1)); // each bucket is full again a millisecond after its one take
        }
        assertTrue(throttle.size() < 5000, "full buckets are swept: " + throttle.size());
    }
}
