package org.parley.server.bus;

import java.time.Clock;
import java.util.List;

import org.parley.server.limit.KeyedThrottle;
import org.parley.server.limit.Throttle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.RedisClient;

/**
 * A login budget counted across the cluster (docs/protocol.md 8.3, docs/cluster.md): the same token bucket as
 * {@code limit.TokenBucket}, kept in Redis as a hash {@code parley:throttle:NAME:KEY} ({@code t} tokens, {@code ts}
 * milliseconds) and changed by one Lua script, so a guesser spreading attempts over the nodes gets no more than from
 * one node. Time is the calling node's {@link Clock} (nodes' clocks agree closely enough for minutes-long budgets;
 * tests move it by hand). While Redis does not answer, the node falls back to its own budgets: still throttled, just
 * not shared; one WARN per loss.
 */
final class RedisThrottle implements Throttle {
    private static final Logger LOG = LoggerFactory.getLogger(RedisThrottle.class);
    /** Refills, then takes one token (ARGV[4] = "take", answering the wait in ms, 0 if taken) or gives one back. */
    private static final String SCRIPT = """
            local cap = tonumber(ARGV[1])
            local rate = tonumber(ARGV[2])
            local now = tonumber(ARGV[3])
            local b = redis.call('HMGET', KEYS[1], 't', 'ts')
            local tokens = tonumber(b[1]) or cap
            local ts = tonumber(b[2]) or now
            if now > ts then
              tokens = math.min(cap, tokens + (now - ts) * rate)
              ts = now
            end
            local wait = 0
            if ARGV[4] == 'take' then
              if tokens >= 1 then tokens = tokens - 1 else wait = math.max(1, math.ceil((1 - tokens) / rate)) end
            else
              tokens = math.min(cap, tokens + 1)
            end
            redis.call('HSET', KEYS[1], 't', tostring(tokens), 'ts', tostring(ts))
            redis.call('PEXPIRE', KEYS[1], math.ceil(cap / rate) + 1000)
            return wait
            """;

    private final RedisClient redis;
    private final String prefix;
    private final double capacity;
    /** Tokens per millisecond. */
    private final double perMilli;
    private final Clock clock;
    private final KeyedThrottle local;
    private final OutageLog outage = new OutageLog(LOG, "login throttling", "this node counts on its own until it is back",
            "budgets are shared by the cluster");

    RedisThrottle(RedisClient redis, String name, double capacity, double perSecond, Clock clock) {
        this.redis = redis;
        this.prefix = "parley:throttle:" + name + ":";
        this.capacity = capacity;
        this.perMilli = perSecond / 1000;
        this.clock = clock;
        this.local = new KeyedThrottle(capacity, perSecond, clock);
    }

    @Override
    public long tryTake(String key) {
        Long wait = run(key, "take");
        return wait != null ? wait : local.tryTake(key);
    }

    @Override
    public void refund(String key) {
        if (run(key, "refund") == null) {
            local.refund(key);
        }
    }

    private Long run(String key, String op) {
        try {
            Object wait = redis.eval(SCRIPT, List.of(prefix + key), List.of(Double.toString(capacity),
                    Double.toString(perMilli), Long.toString(clock.millis()), op));
            outage.answered();
            return (Long) wait;
        } catch (RuntimeException e) {
            outage.failed(e);
            return null;
        }
    }
}
