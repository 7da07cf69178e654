package org.parley.server.bus;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.parley.server.util.Causes;
import org.parley.server.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * This node's subscription to {@link RedisBus#CHANNEL}, kept alive: reconnected with a back-off when it breaks, and
 * PINGed so that a connection that silently died is noticed (docs/cluster.md, "Bus loss"). Each time Redis confirms
 * the subscription it says so, for the bus to compare the node with the store.
 */
final class BusSubscriber {
    /** Under the bus's name: to an operator these are the bus's lines. */
    private static final Logger LOG = LoggerFactory.getLogger(RedisBus.class);
    /** A PING on the subscription this often; one silent for {@link #HEARTBEAT_MISSES} of them is dead (Synapse #9351). */
    static final int HEARTBEAT_MILLIS = 5_000;
    static final int HEARTBEAT_MISSES = 3;

    private final RedisConnections connections;
    private final Consumer<String> heard;
    private final Runnable subscribed;
    /** PINGs on the subscription, apart from the bus's worker, which may be busy catching up. */
    private final ScheduledThreadPoolExecutor heartbeat = new ScheduledThreadPoolExecutor(1,
            NamedThreads.daemon("parley-bus-heartbeat"));
    private final CountDownLatch subscribedOnce = new CountDownLatch(1);
    private final RedisBackoff backoff = new RedisBackoff();
    private final Thread thread;
    private volatile boolean closed;
    private volatile JedisPubSub subscription;
    private volatile Jedis connection;
    /** Whether the subscription broke and has not been confirmed since (one WARN per loss, one INFO per return). */
    private volatile boolean lost;
    /** When the subscription last heard from Redis (a message, a PONG), in {@link System#nanoTime()}. */
    private volatile long lastHeard = System.nanoTime();

    /**
     * @param heard      gets each event's text, on the subscriber thread
     * @param subscribed runs each time Redis confirms the subscription, on the subscriber thread
     */
    BusSubscriber(RedisConnections connections, Consumer<String> heard, Runnable subscribed) {
        this.connections = connections;
        this.heard = heard;
        this.subscribed = subscribed;
        thread = NamedThreads.daemon("parley-bus-subscribe").newThread(this::subscribeLoop);
    }

    void start() {
        thread.start();
        heartbeat.scheduleWithFixedDelay(this::ping, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Whether Redis confirmed the subscription within {@code millis}. */
    boolean awaitFirst(long millis) throws InterruptedException {
        return subscribedOnce.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Stops hearing: the subscription's connection is closed and no reconnect follows; {@link #join} waits. */
    void stop() {
        closed = true;
        heartbeat.shutdownNow();
        RedisConnections.closeQuietly(connection);
        thread.interrupt();
    }

    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    private void subscribeLoop() {
        while (!closed) {
            JedisPubSub pubsub = new JedisPubSub() {
                @Override
                public void onSubscribe(String channel, int subscribedChannels) {
                    lastHeard = System.nanoTime();
                    backoff.reset();
                    if (lost) {
                        lost = false;
                        LOG.info("bus: subscribed to Redis at {} again; catching up from the store",
                                connections.target().location());
                    }
                    subscribed.run();
                    subscribedOnce.countDown();
                }

                @Override
                public void onMessage(String channel, String message) {
                    lastHeard = System.nanoTime();
                    heard.accept(message);
                }

                @Override
                public void onPong(String pattern) {
                    lastHeard = System.nanoTime();
                }
            };
            // A dead connection shows as silence: PINGs every HEARTBEAT_MILLIS; see ping().
            try (Jedis jedis = connections.open(HEARTBEAT_MILLIS * HEARTBEAT_MISSES)) {
                connection = jedis;
                subscription = pubsub;
                jedis.subscribe(pubsub, RedisBus.CHANNEL);
            } catch (RuntimeException e) {
                if (!closed && !lost) {
                    LOG.warn("bus: lost Redis at {} ({}); reconnecting, then catching up from the store",
                            connections.target().location(), Causes.reason(e));
                }
                lost = true;
            } finally {
                subscription = null;
                connection = null;
            }
            if (!closed) {
                backoff.pause();
            }
        }
    }

    /**
     * Keeps the subscription honest: a PING now, and if nothing (not even the last PONG) came back for
     * {@link #HEARTBEAT_MISSES} periods, the connection is closed so that the subscriber reconnects and resyncs. The
     * socket's own read timeout cannot do this: a subscription waits without one.
     */
    private void ping() {
        try {
            pingOrDrop();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; this one must go on.
            LOG.debug("bus: heartbeat", e);
        }
    }

    private void pingOrDrop() {
        JedisPubSub pubsub = subscription;
        if (pubsub != null && pubsub.isSubscribed()) {
            long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeard);
            if (silentMillis > (long) HEARTBEAT_MILLIS * HEARTBEAT_MISSES) {
                LOG.warn("bus: nothing from Redis at {} for {} ms; reconnecting", connections.target().location(),
                        silentMillis);
                RedisConnections.closeQuietly(connection);
                return;
            }
            try {
                pubsub.ping();
            } catch (RuntimeException e) {
                // The subscriber's read fails too and reconnects; nothing to do here.
            }
        }
    }
}
