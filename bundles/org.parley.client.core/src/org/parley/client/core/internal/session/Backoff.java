package org.parley.client.core.internal.session;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: base * 2^attempt capped at max, with "equal jitter" (a random half of the delay is added to the
 * other half) so that many clients dropped by one server restart do not come back in lock-step.
 */
final class Backoff {
    private final long baseMillis;
    private final long maxMillis;

    Backoff(Duration base, Duration max) {
        this.baseMillis = Math.max(1, base.toMillis());
        this.maxMillis = Math.max(baseMillis, max.toMillis());
    }

    long delayMillis(int attempt) {
        long capped = maxMillis;
        if (attempt < 30) {
            capped = Math.min(maxMillis, baseMillis << attempt);
        }
        long half = capped / 2;
        return half + ThreadLocalRandom.current().nextLong(capped - half + 1);
    }
}
