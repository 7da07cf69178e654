package org.parley.server.bus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.parley.server.chat.Presence;
import org.parley.server.store.UserStore;
import org.parley.server.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.SetParams;

/**
 * Presence across the nodes of a cluster (docs/cluster.md, "Global presence"). A user is online while any node has a
 * session of theirs. Each node keeps, in Redis, a key saying it is alive ({@code parley:node:ID}, refreshed every
 * {@link PresenceTiming#beat}, expiring after {@link PresenceTiming#ttl}) and a hash of its online users
 * ({@code parley:online:ID}); it publishes its changes on the bus, batched; and it reads the others' hashes when it
 * (re)subscribes. A node whose key has been missing for a whole TTL is dead: its users are announced offline by
 * {@link Presence}, except those online on another node. While Redis is away nothing is declared dead (nobody can
 * tell) and same-node presence goes on; once it is back every node rewrites its hash and says so.
 *
 * <p>Everything touching Redis runs on one thread of its own, so the bus's delivery thread never waits for it.
 */
final class ClusterPresence implements Presence.Cluster {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterPresence.class);
    static final String NODES = "parley:nodes";

    private final RedisConnections connections;
    private final BusTarget target;
    private final String node;
    private final Presence presence;
    private final PresenceTiming timing;
    private final Clock clock;
    private final Consumer<BusEvent> publish;
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1,
            NamedThreads.daemon("parley-presence"));
    /** This node's changes not yet written and published, by user key, latest last. Guarded by this object. */
    private final Map<String, Change> pending = new LinkedHashMap<>();
    private boolean flushScheduled;
    /** Per other node, when its key was last seen (or first missed). Presence thread only. */
    private final Map<String, Long> lastSeen = new HashMap<>();
    /** Redis may not hold what this node has: rewrite the hash at the next beat. Presence thread only. */
    private boolean dirty = true;
    private boolean redisLost;
    private Jedis jedis;
    private volatile boolean closed;

    private record Change(String name, boolean online) {
    }

    ClusterPresence(RedisConnections connections, String node, Presence presence, PresenceTiming timing, Clock clock,
            Consumer<BusEvent> publish) {
        this.connections = connections;
        this.target = connections.target();
        this.node = node;
        this.presence = presence;
        this.timing = timing;
        this.clock = clock;
        this.publish = publish;
    }

    static String nodeKey(String node) {
        return "parley:node:" + node;
    }

    static String onlineKey(String node) {
        return "parley:online:" + node;
    }

    void start() {
        presence.joinCluster(this);
        thread.scheduleWithFixedDelay(this::beat, 0, timing.beat().toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- this node's changes (called inside Presence's lock: queue only) ----

    @Override
    public void localChanged(String name, boolean online) {
        synchronized (this) {
            pending.remove(UserStore.keyOf(name)); // re-inserted last: the order of changes is kept
            pending.put(UserStore.keyOf(name), new Change(name, online));
            if (flushScheduled || closed) {
                return;
            }
            flushScheduled = true;
        }
        try {
            // Held back a moment, like pushes to a connection: a login storm becomes a few events with many names each.
            thread.schedule(this::flush, timing.batch().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // Closed meanwhile: the others hear of this node's end instead.
        }
    }

    private void flush() {
        List<Change> changes;
        synchronized (this) {
            flushScheduled = false;
            changes = new ArrayList<>(pending.values());
            pending.clear();
        }
        if (changes.isEmpty() || dirty) {
            return; // a dirty hash is rewritten whole at the next beat, which covers these changes
        }
        List<String> on = new ArrayList<>();
        List<String> off = new ArrayList<>();
        try {
            Pipeline p = redis().pipelined();
            for (Change change : changes) {
                if (change.online()) {
                    p.hset(onlineKey(node), UserStore.keyOf(change.name()), change.name());
                    on.add(change.name());
                } else {
                    p.hdel(onlineKey(node), UserStore.keyOf(change.name()));
                    off.add(change.name());
                }
            }
            p.sync();
        } catch (RuntimeException e) {
            lost(e);
            return;
        }
        publish.accept(BusEvent.presence(node, on, off));
    }

    // ---- the heartbeat: alive, rewrite if needed, notice dead nodes ----

    private void beat() {
        if (closed) {
            return;
        }
        try {
            Jedis r = redis();
            if (redisLost) {
                // Nobody could beat while Redis was away: every node gets a whole TTL from now to show up again.
                long now = clock.millis();
                lastSeen.replaceAll((other, seen) -> now);
            }
            // The users first, then the key: a node that finds the key alive finds the users written, too.
            if (dirty) {
                rewrite(r);
            }
            r.set(nodeKey(node), "1", SetParams.setParams().px(timing.ttl().toMillis()));
            r.sadd(NODES, node);
            checkOthers(r);
            if (redisLost) {
                redisLost = false;
                LOG.info("presence: Redis at {} is back; this node's online users are published again", target.location());
            }
        } catch (RuntimeException e) {
            lost(e);
        }
    }

    /** Writes this node's online users whole, then asks the others to read them (they may have missed changes). */
    private void rewrite(Jedis r) {
        synchronized (this) {
            pending.clear(); // the snapshot below includes them
        }
        Map<String, String> local = presence.localUsers();
        Pipeline p = r.pipelined();
        p.del(onlineKey(node));
        if (!local.isEmpty()) {
            p.hset(onlineKey(node), local);
        }
        p.sync();
        dirty = false;
        publish.accept(BusEvent.presenceSync(node));
    }

    private void checkOthers(Jedis r) {
        long now = clock.millis();
        Set<String> nodes = r.smembers(NODES);
        for (String other : nodes) {
            if (other.equals(node)) {
                continue;
            }
            if (r.exists(nodeKey(other))) {
                if (lastSeen.put(other, now) == null) {
                    readNode(r, other); // first heard of: learn its users
                }
            } else {
                long seen = lastSeen.computeIfAbsent(other, n -> now);
                if (now - seen >= timing.ttl().toMillis()) {
                    LOG.info("presence: node {} stopped beating; its users are offline unless online elsewhere", other);
                    forget(other);
                    r.srem(NODES, other);
                    r.del(onlineKey(other));
                }
            }
        }
    }

    private void readNode(Jedis r, String other) {
        presence.remote(other, r.hgetAll(onlineKey(other)));
    }

    private void forget(String other) {
        lastSeen.remove(other);
        presence.remote(other, Map.of());
    }

    private void lost(RuntimeException e) {
        if (!redisLost) {
            redisLost = true;
            LOG.warn("presence: Redis at {} unavailable ({}); same-node presence goes on, the cluster's is repaired"
                    + " once it is back", target.location(), e.getMessage());
        }
        dirty = true;
        RedisConnections.closeQuietly(jedis);
        jedis = null;
    }

    private Jedis redis() {
        if (jedis == null) {
            jedis = connections.open(RedisBus.TIMEOUT_MILLIS);
        }
        return jedis;
    }

    // ---- what other nodes said (any thread: hop onto the presence thread) ----

    void heard(BusEvent event) {
        thread.execute(() -> apply(event));
    }

    private void apply(BusEvent event) {
        String other = event.node();
        switch (event.kind()) {
            case BusEvent.PRESENCE -> {
                lastSeen.put(other, clock.millis());
                presence.remoteChanged(other, event.on() == null ? List.of() : event.on(),
                        event.off() == null ? List.of() : event.off());
            }
            case BusEvent.PRESENCE_SYNC -> {
                lastSeen.put(other, clock.millis());
                try {
                    readNode(redis(), other);
                } catch (RuntimeException e) {
                    lost(e);
                }
            }
            case BusEvent.NODE_GONE -> forget(other);
            default -> {
            }
        }
    }

    /** After (re)subscribing, events may have been missed: read every live node's users, and republish ours. */
    void resync() {
        thread.execute(() -> {
            dirty = true;
            try {
                Jedis r = redis();
                for (String other : r.smembers(NODES)) {
                    if (!other.equals(node) && r.exists(nodeKey(other))) {
                        lastSeen.put(other, clock.millis());
                        readNode(r, other);
                    }
                }
                beat();
            } catch (RuntimeException e) {
                lost(e);
            }
        });
    }

    /** A clean stop: the others hear at once that this node's users are gone from it. */
    void close() {
        closed = true;
        try {
            thread.submit(() -> {
                try {
                    Jedis r = redis();
                    r.del(nodeKey(node), onlineKey(node));
                    r.srem(NODES, node);
                } catch (RuntimeException e) {
                    // Redis away: the others notice the missing heartbeat instead.
                }
                publish.accept(BusEvent.nodeGone(node));
            }).get(RedisBus.TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Stopping anyway.
        }
        halt();
    }

    /** Stops without a word, as a killed node would (tests). */
    void halt() {
        closed = true;
        thread.shutdownNow();
        RedisConnections.closeQuietly(jedis);
    }
}
