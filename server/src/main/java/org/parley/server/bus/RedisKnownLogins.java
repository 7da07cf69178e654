package org.parley.server.bus;

import java.time.Duration;

import org.parley.server.limit.KnownLogins;
import org.parley.server.limit.RecentLogins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * The addresses each account logged in from, shared by the cluster (docs/protocol.md 8.3, docs/cluster.md): a key
 * {@code parley:known:ACCOUNT ADDRESS} per pair, living {@link #REMEMBERED} after its last login, so an owner who
 * logged in on one node is not held to the per-account ceiling on another. Every pair is also kept in this node's
 * {@link RecentLogins}, which answers while Redis does not (one WARN per loss).
 */
final class RedisKnownLogins implements KnownLogins {
    private static final Logger LOG = LoggerFactory.getLogger(RedisKnownLogins.class);
    /** How long an address stays known without a login from it: a user's usual places outlive an hour's guessing. */
    static final Duration REMEMBERED = Duration.ofDays(90);
    private static final String PREFIX = "parley:known:";

    private final RedisClient redis;
    private final RecentLogins local = new RecentLogins();
    private final OutageLog outage = new OutageLog(LOG, "known login addresses",
            "this node knows only its own until it is back", "shared by the cluster");

    RedisKnownLogins(RedisClient redis) {
        this.redis = redis;
    }

    @Override
    public boolean contains(String pair) {
        if (local.contains(pair)) {
            return true;
        }
        try {
            boolean known = redis.exists(PREFIX + pair);
            outage.answered();
            return known;
        } catch (RuntimeException e) {
            outage.failed(e);
            return false;
        }
    }

    @Override
    public void remember(String pair) {
        local.remember(pair);
        try {
            redis.set(PREFIX + pair, "1", SetParams.setParams().px(REMEMBERED.toMillis()));
            outage.answered();
        } catch (RuntimeException e) {
            outage.failed(e);
        }
    }
}
