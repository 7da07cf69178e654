package org.parley.server.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.parley.server.testing.TestRedis;

import redis.clients.jedis.Jedis;

/** Connections to a real Redis as the bus makes them, and what they leave in the operator's log. */
class RedisConnectionsTest {

    /**
     * Every node opens such connections at start and the subscriber again after each outage: a warning per connection
     * that tells the operator to change Jedis's configuration would be noise they cannot act on.
     */
    @Test
    void aConnectionLogsNoWarningAboutItsProtocol() throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (TestRedis redis = TestRedis.start()) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try (Jedis jedis = RedisConnections.of(redis.target(), 5_000).open(5_000)) {
                assertEquals("PONG", jedis.ping());
            } finally {
                System.setErr(stderr);
            }
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertFalse(log.contains("WARN"), log);
    }
}
