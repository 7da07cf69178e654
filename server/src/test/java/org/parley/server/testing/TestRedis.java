package org.parley.server.testing;

import org.parley.server.bus.BusTarget;
import org.parley.testing.launch.LocalRedis;

/**
 * A throw-away Redis for the bus tests ({@link LocalRedis}: Debian's {@code redis-server} on a free loopback port, no
 * persistence, owned by the test). {@link #stop} and {@link #launch} again on the same port is a Redis restart as the
 * nodes see it: every connection dropped, every subscription gone.
 */
public final class TestRedis implements AutoCloseable {
    private final LocalRedis redis;

    private TestRedis(LocalRedis redis) {
        this.redis = redis;
    }

    public static TestRedis start() throws Exception {
        return new TestRedis(LocalRedis.start());
    }

    public int port() {
        return redis.port();
    }

    public BusTarget target() {
        return new BusTarget("127.0.0.1", redis.port());
    }

    /** Starts it (again) on its port; returns once it has logged that it accepts connections. */
    public void launch() throws Exception {
        redis.launch();
    }

    /** Stops it (SIGTERM, no data saved) and waits until it has exited. */
    public void stop() throws Exception {
        redis.stop();
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (Exception e) {
            System.err.println("stopping the test Redis on port " + port() + " failed: " + e.getMessage());
        }
    }
}
