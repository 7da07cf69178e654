package org.parley.server.bus;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.parley.server.util.Causes;
import org.parley.server.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.Jedis;

/**
 * Publishes this node's bus events on {@link RedisBus#CHANNEL} from a thread of its own, so that the writer thread
 * only queues. Events it cannot publish (Redis away, its queue full) are dropped, and once Redis takes publications
 * again it first publishes {@code resync}: every node then compares itself with the store, which has them all.
 */
final class BusPublisher {
    /** Under the bus's name: to an operator these are the bus's lines. */
    private static final Logger LOG = LoggerFactory.getLogger(RedisBus.class);
    /** Events waiting for the publisher; beyond that they are dropped and a resync announced instead. */
    static final int OUTBOX = 10_000;

    private final RedisConnections connections;
    private final String node;
    private final BlockingQueue<String> outbox = new ArrayBlockingQueue<>(OUTBOX);
    /** Some event could not be published: announce a resync as soon as Redis takes publications again. */
    private final AtomicBoolean unpublished = new AtomicBoolean();
    private final RedisBackoff backoff = new RedisBackoff();
    private final Thread thread;
    private volatile boolean closed;

    BusPublisher(RedisConnections connections, String node) {
        this.connections = connections;
        this.node = node;
        thread = NamedThreads.daemon("parley-bus-publish").newThread(this::publishLoop);
    }

    void start() {
        thread.start();
    }

    /** Queues {@code event}; any thread, never waits. */
    void publish(BusEvent event) {
        if (!outbox.offer(event.encode())) {
            unpublished.set(true);
        }
    }

    /** Publishes what is queued, then stops; {@link #join} waits for that. */
    void finish() {
        closed = true;
    }

    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    /** Stops now, whatever is still queued. */
    void interrupt() {
        thread.interrupt();
    }

    /** Drops what is queued and stops without publishing it, as a killed node would (tests). */
    void halt() {
        outbox.clear();
        closed = true;
        thread.interrupt();
    }

    private void publishLoop() {
        Jedis jedis = null;
        while (!closed || !outbox.isEmpty()) {
            String event;
            try {
                // Short, so that an announcement waiting for Redis and a close are noticed soon.
                event = outbox.poll(RedisBackoff.FIRST_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (event == null && !unpublished.get()) {
                continue;
            }
            while (true) {
                boolean fresh = jedis == null;
                try {
                    if (jedis == null) {
                        jedis = connections.open(RedisBus.TIMEOUT_MILLIS);
                    }
                    if (unpublished.get()) {
                        // Others missed what we could not publish: they compare themselves with the store.
                        jedis.publish(RedisBus.CHANNEL, BusEvent.resync(node).encode());
                        unpublished.set(false);
                        LOG.info("bus: publishing to Redis at {} again; asked every node to catch up",
                                connections.target().location());
                    }
                    if (event != null) {
                        jedis.publish(RedisBus.CHANNEL, event);
                    }
                    backoff.reset();
                    break;
                } catch (RuntimeException e) {
                    RedisConnections.closeQuietly(jedis);
                    jedis = null;
                    if (!fresh && !closed) {
                        // A connection that went stale while idle (Redis restarted since): once more on a new one.
                        continue;
                    }
                    if (!unpublished.getAndSet(true)) {
                        LOG.warn("bus: cannot publish to Redis at {} ({}); the store has it all, others catch up once"
                                + " it is back", connections.target().location(), Causes.reason(e));
                    }
                    // Dropped: the resync announced once Redis is back covers these and anything queued meanwhile.
                    outbox.clear();
                    if (!closed) {
                        backoff.pause();
                    }
                    break;
                }
            }
        }
        RedisConnections.closeQuietly(jedis);
    }
}
