package org.parley.client.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void backoffGrowsWithJitterUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
        for (int i = 0; i < 50; i++) {
            long first = backoff.delayMillis(0);
            assertTrue(first >= 50 && first <= 100, "first " + first);
            long third = backoff.delayMillis(2);
            assertTrue(third >= 200 && third <= 400, "third " + third);
            long late = backoff.delayMillis(40);
            assertTrue(late >= 500 && late <= 1000, "capped " + late);
        }
    }
}
