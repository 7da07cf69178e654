package org.parley.server.bus;

import java.time.Duration;

/**
 * The timing of presence across nodes, in one place (docs/cluster.md, "Global presence"): how often a node refreshes
 * its key in Redis, how long the key lives without refresh (after that the node counts as dead), and how long a node
 * gathers presence changes into one bus event.
 */
public record PresenceTiming(Duration beat, Duration ttl, Duration batch) {
    /** Three missed beats make a node dead: one late beat (a GC pause, a slow Redis) is not a death. */
    public static final PresenceTiming DEFAULT = new PresenceTiming(Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofMillis(50));

    public PresenceTiming {
        if (beat.isNegative() || beat.isZero() || ttl.compareTo(beat) <= 0 || batch.isNegative()) {
            throw new IllegalArgumentException("presence timing needs 0 < beat < ttl and batch >= 0");
        }
    }
}
