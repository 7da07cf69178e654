package org.parley.server.bus;

import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.parley.protocol.ChatMessage;
import org.parley.server.ExitCode;
import org.parley.server.StartupException;
import org.parley.server.chat.Directory;
import org.parley.server.chat.Presence;
import org.parley.server.limit.KnownLogins;
import org.parley.server.limit.Throttle;
import org.parley.server.outbound.Outbound;
import org.parley.server.store.Store;
import org.parley.server.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The bus between a cluster's nodes on Redis <b>pub/sub</b>, with gap repair from the store (docs/cluster.md, "The
 * bus"). Why pub/sub and not Streams: the store already keeps every message in per-conversation id order, so the bus
 * only has to say "look"; a stream would be a second, bounded copy of the history to trim and to reconcile with the
 * first after a loss, and we repair from the store after a loss anyway.
 *
 * <p>A message is delivered to this node's sessions only by reading it from the store after the newest id this node
 * has delivered in its conversation ({@link StoreCatchUp}), on one thread: so a session never gets a message twice,
 * never misses one that another node's event or a resync points at, and gets each conversation in id order, whether
 * the message was stored here or elsewhere.
 */
public final class RedisBus implements Bus {
    private static final Logger LOG = LoggerFactory.getLogger(RedisBus.class);

    /** One channel for every kind of event: one subscription, and Redis keeps each publisher's events in order. */
    public static final String CHANNEL = "parley:bus";
    /** Connecting and each command; also how long the start waits for the first subscription. */
    static final int TIMEOUT_MILLIS = 2_000;
    /** A PING on the subscription this often; one silent for {@link #HEARTBEAT_MISSES} of them is dead (Synapse #9351). */
    static final int HEARTBEAT_MILLIS = 5_000;
    static final int HEARTBEAT_MISSES = 3;
    /** Reconnecting to Redis: the first wait, doubled per failure up to the last. */
    static final long RECONNECT_MIN_MILLIS = 100;
    static final long RECONNECT_MAX_MILLIS = 2_000;
    /** Events waiting for the publisher; beyond that they are dropped and a resync announced instead. */
    static final int OUTBOX = 10_000;

    private final BusTarget target;
    private final RedisConnections connections;
    private final String node;
    private final Directory directory;
    private final ReadDelivery reads;

    /** Events heard, catch-ups and resyncs: one thread, so each conversation goes out in id order. */
    private final ScheduledThreadPoolExecutor worker = new ScheduledThreadPoolExecutor(1, NamedThreads.daemon("parley-bus"));
    /** PINGs on the subscription, apart from the worker, which may be busy catching up. */
    private final ScheduledThreadPoolExecutor heartbeat = new ScheduledThreadPoolExecutor(1,
            NamedThreads.daemon("parley-bus-heartbeat"));
    /** Delivery from the store, in id order per conversation (on {@link #worker}). */
    private final StoreCatchUp catchUp;
    private final BlockingQueue<String> outbox = new ArrayBlockingQueue<>(OUTBOX);
    /** Some event could not be published: announce a resync as soon as Redis takes publications again. */
    private final AtomicBoolean unpublished = new AtomicBoolean();
    private final CountDownLatch subscribedOnce = new CountDownLatch(1);
    private final Thread publisher;
    private final Thread subscriber;
    private volatile boolean closed;
    /** Pooled (logins come from many threads at once) for the shared login budgets. */
    private final RedisClient budgets;
    /** Presence across nodes, once {@link #sharePresence} ran. */
    private volatile ClusterPresence presence;
    private volatile JedisPubSub subscription;
    private volatile Jedis subscriberConnection;
    /** Whether the subscription broke and has not been confirmed since (one WARN per loss, one INFO per return). */
    private volatile boolean subscriptionLost;
    /** When the subscription last heard from Redis (a message, a PONG), in {@link System#nanoTime()}. */
    private volatile long lastHeard = System.nanoTime();
    /** The subscriber's next wait before reconnecting; reset once subscribed. */
    private volatile long subscribeWait = RECONNECT_MIN_MILLIS;

    private RedisBus(RedisConnections connections, String node, Store store, Directory directory, Delivery delivery,
            ReadDelivery reads) {
        this.target = connections.target();
        this.connections = connections;
        this.node = node;
        this.directory = directory;
        this.catchUp = new StoreCatchUp(store, directory, delivery, worker);
        this.budgets = connections.pool(TIMEOUT_MILLIS);
        this.reads = reads;
        worker.setRemoveOnCancelPolicy(true);
        publisher = NamedThreads.daemon("parley-bus-publish").newThread(this::publishLoop);
        subscriber = NamedThreads.daemon("parley-bus-subscribe").newThread(this::subscribeLoop);
    }

    /**
     * Connects, learns where every conversation stands, subscribes and waits for the subscription. Call before the
     * node accepts connections: messages stored before that are history, not pushes.
     */
    public static RedisBus start(BusTarget target, String node, Store store, Directory directory, Delivery delivery,
            ReadDelivery reads) throws StartupException {
        RedisConnections connections = RedisConnections.of(target, TIMEOUT_MILLIS);
        // One round trip first, so a wrong --bus is a startup fault rather than a node that never hears anything.
        try (Jedis probe = connections.open(TIMEOUT_MILLIS)) {
            probe.ping();
        } catch (JedisDataException e) {
            // Redis answered: WRONGPASS, NOAUTH (a password is needed), or AUTH sent to a Redis without one.
            throw new StartupException(ExitCode.BUS_REFUSED, "Redis at " + target.location() + " refused the login: "
                    + Causes.reason(e) + "; check the password (in the URL, --bus-password-file or PARLEY_BUS_PASSWORD)", e);
        } catch (RuntimeException e) {
            throw unreachable(target, tlsRefused(e) ? "TLS handshake failed, its certificate not trusted or not made"
                    + " for " + target.host() + " (" + Causes.reason(e) + "); give its CA with --bus-ca" : Causes.reason(e), e);
        }
        RedisBus bus = new RedisBus(connections, node, store, directory, delivery, reads);
        try {
            bus.catchUp.startFrom(StoreCatchUp.read(store.messages().latest()));
        } catch (ExecutionException | TimeoutException e) {
            bus.worker.shutdownNow();
            bus.heartbeat.shutdownNow();
            bus.budgets.close();
            throw new StartupException(ExitCode.STORE_UNREACHABLE, "cannot read where conversations stand from "
                    + store.location() + ": " + Causes.reason(e), e);
        }
        bus.subscriber.start();
        bus.publisher.start();
        bus.heartbeat.scheduleWithFixedDelay(bus::ping, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
        try {
            if (!bus.subscribedOnce.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                bus.close();
                throw unreachable(target, "no subscription within " + TIMEOUT_MILLIS + " ms", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            bus.close();
            throw unreachable(target, "interrupted", e);
        }
        LOG.info("bus: node {} on Redis at {} (channel {})", node, target.location(), CHANNEL);
        return bus;
    }

    private static StartupException unreachable(BusTarget target, String why, Exception cause) {
        return new StartupException(ExitCode.BUS_UNREACHABLE, "Redis at " + target.location() + " unreachable: " + why
                + "; start it or fix --bus", cause);
    }

    /** Whether the connection failed because this side did not accept Redis's certificate. */
    private static boolean tlsRefused(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof javax.net.ssl.SSLHandshakeException || cause instanceof java.security.cert.CertificateException
                    || cause instanceof java.security.GeneralSecurityException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Makes presence cluster-wide: this node's online users go to Redis and the bus, the others' come back into
     * {@code local} (docs/cluster.md, "Global presence"). Call before the node accepts connections.
     */
    public void sharePresence(Presence local, PresenceTiming timing, Clock clock) {
        ClusterPresence shared = new ClusterPresence(connections, node, local, timing, clock, this::publish);
        presence = shared;
        shared.start();
        shared.resync();
    }

    /**
     * Login budgets shared by the cluster through Redis (docs/protocol.md 8.3); a node falls back to its own while
     * Redis does not answer. The connections are {@link #close}d with the bus.
     */
    public Throttle.Factory sharedBudgets() {
        return (name, capacity, perSecond, clock) -> new RedisThrottle(budgets, name, capacity, perSecond, clock);
    }

    /** The addresses each account logged in from (protocol 8.3's exemption), shared by the cluster likewise. */
    public KnownLogins sharedKnownLogins() {
        return new RedisKnownLogins(budgets);
    }

    // ---- what this node stored (writer thread: queue only) ----

    @Override
    public Runnable sending(String conv, String userKey) {
        return catchUp.sending(conv, userKey);
    }

    @Override
    public void messageCommitted(String conv, ChatMessage message, Outbound except) {
        publish(BusEvent.message(node, conv, message.id()));
        catchUp.committed(conv, message, except);
    }

    @Override
    public void readMoved(String userKey, String conv, long upTo) {
        publish(BusEvent.read(node, userKey, conv, upTo));
    }

    @Override
    public void userAdded(String name) {
        publish(BusEvent.user(node, name));
    }

    @Override
    public void joined(String room, String userKey) {
        publish(BusEvent.join(node, room, userKey));
    }

    @Override
    public void left(String room, String userKey) {
        publish(BusEvent.leave(node, room, userKey));
    }

    /** Stops hearing, publishing and beating without a goodbye, as a node killed with SIGKILL would (tests). */
    public void halt() {
        ClusterPresence shared = presence;
        if (shared != null) {
            shared.halt();
        }
        outbox.clear();
        closed = true;
        catchUp.close();
        heartbeat.shutdownNow();
        closeQuietly(subscriberConnection);
        subscriber.interrupt();
        publisher.interrupt();
        worker.shutdownNow();
    }

    private void publish(BusEvent event) {
        if (!outbox.offer(event.encode())) {
            unpublished.set(true);
        }
    }

    // ---- events heard (worker thread) ----

    private void heard(String text) {
        BusEvent event = BusEvent.decode(text);
        if (event == null || node.equals(event.node())) {
            return; // not ours to read, or our own: delivered through messageCommitted already
        }
        worker.execute(() -> apply(event));
    }

    private void apply(BusEvent event) {
        switch (event.kind()) {
            case BusEvent.MESSAGE -> {
                if (event.conv() != null) {
                    catchUp.catchUp(event.conv(), event.id());
                }
            }
            case BusEvent.USER -> {
                if (event.name() != null) {
                    directory.addUser(event.name());
                }
            }
            case BusEvent.JOIN -> {
                if (event.room() != null && event.user() != null) {
                    directory.join(event.room(), event.user());
                }
            }
            case BusEvent.LEAVE -> {
                if (event.room() != null && event.user() != null) {
                    directory.leave(event.room(), event.user());
                }
            }
            case BusEvent.READ -> {
                // Not repaired after a bus loss: a session that missed it sees the marker at its next `unread`.
                if (event.user() != null && event.conv() != null && event.id() > 0) {
                    reads.readMoved(event.user(), event.conv(), event.id());
                }
            }
            case BusEvent.RESYNC -> {
                catchUp.resync();
                ClusterPresence shared = presence;
                if (shared != null) {
                    shared.resync(); // presence events of that node may have been lost with the rest
                }
            }
            case BusEvent.PRESENCE, BusEvent.PRESENCE_SYNC, BusEvent.NODE_GONE -> {
                ClusterPresence shared = presence;
                if (shared != null) {
                    shared.heard(event);
                }
            }
            default -> {
                // A kind from a newer node: ignored; the store still has everything.
            }
        }
    }

    // ---- Redis connections ----

    private void subscribeLoop() {
        while (!closed) {
            JedisPubSub pubsub = new JedisPubSub() {
                @Override
                public void onSubscribe(String channel, int subscribedChannels) {
                    lastHeard = System.nanoTime();
                    subscribeWait = RECONNECT_MIN_MILLIS;
                    if (subscriptionLost) {
                        subscriptionLost = false;
                        LOG.info("bus: subscribed to Redis at {} again; catching up from the store", target.location());
                    }
                    // Subscribed first, then compared with the store: an event published meanwhile is heard, and what
                    // was committed before is found by the resync (the lost events of Synapse PR #7427 came from the
                    // opposite order).
                    worker.execute(catchUp::resync);
                    ClusterPresence shared = presence;
                    if (shared != null) {
                        shared.resync();
                    }
                    subscribedOnce.countDown();
                }

                @Override
                public void onMessage(String channel, String message) {
                    lastHeard = System.nanoTime();
                    heard(message);
                }

                @Override
                public void onPong(String pattern) {
                    lastHeard = System.nanoTime();
                }
            };
            // A dead connection shows as silence: PINGs every HEARTBEAT_MILLIS; see ping().
            try (Jedis jedis = connections.open(HEARTBEAT_MILLIS * HEARTBEAT_MISSES)) {
                subscriberConnection = jedis;
                subscription = pubsub;
                jedis.subscribe(pubsub, CHANNEL);
            } catch (RuntimeException e) {
                if (!closed && !subscriptionLost) {
                    LOG.warn("bus: lost Redis at {} ({}); reconnecting, then catching up from the store",
                            target.location(), Causes.reason(e));
                }
                subscriptionLost = true;
            } finally {
                subscription = null;
                subscriberConnection = null;
            }
            subscribeWait = pause(subscribeWait);
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
                LOG.warn("bus: nothing from Redis at {} for {} ms; reconnecting", target.location(), silentMillis);
                closeQuietly(subscriberConnection);
                return;
            }
            try {
                pubsub.ping();
            } catch (RuntimeException e) {
                // The subscriber's read fails too and reconnects; nothing to do here.
            }
        }
    }

    private void publishLoop() {
        Jedis jedis = null;
        long wait = RECONNECT_MIN_MILLIS;
        while (!closed || !outbox.isEmpty()) {
            String event;
            try {
                // Short, so that an announcement waiting for Redis and a close are noticed soon.
                event = outbox.poll(RECONNECT_MIN_MILLIS, TimeUnit.MILLISECONDS);
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
                        jedis = connections.open(TIMEOUT_MILLIS);
                    }
                    if (unpublished.get()) {
                        // Others missed what we could not publish: they compare themselves with the store.
                        jedis.publish(CHANNEL, BusEvent.resync(node).encode());
                        unpublished.set(false);
                        LOG.info("bus: publishing to Redis at {} again; asked every node to catch up", target.location());
                    }
                    if (event != null) {
                        jedis.publish(CHANNEL, event);
                    }
                    wait = RECONNECT_MIN_MILLIS;
                    break;
                } catch (RuntimeException e) {
                    closeQuietly(jedis);
                    jedis = null;
                    if (!fresh && !closed) {
                        // A connection that went stale while idle (Redis restarted since): once more on a new one.
                        continue;
                    }
                    if (!unpublished.getAndSet(true)) {
                        LOG.warn("bus: cannot publish to Redis at {} ({}); the store has it all, others catch up once"
                                + " it is back", target.location(), Causes.reason(e));
                    }
                    // Dropped: the resync announced once Redis is back covers these and anything queued meanwhile.
                    outbox.clear();
                    if (!closed) {
                        wait = pause(wait);
                    }
                    break;
                }
            }
        }
        closeQuietly(jedis);
    }

    /** Waits {@code wait} before the next attempt to reach Redis; answers the wait after that one. */
    private long pause(long wait) {
        if (!closed) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Math.min(wait * 2, RECONNECT_MAX_MILLIS);
    }

    private static void closeQuietly(Jedis jedis) {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException e) {
                // Already broken.
            }
        }
    }

    /** Publishes what is queued (briefly), then stops hearing and delivering. */
    @Override
    public void close() {
        ClusterPresence shared = presence;
        if (shared != null) {
            shared.close(); // its goodbye goes out through the publisher, which still runs
        }
        closed = true;
        catchUp.close();
        heartbeat.shutdownNow();
        closeQuietly(subscriberConnection);
        subscriber.interrupt();
        try {
            publisher.join(TIMEOUT_MILLIS);
            subscriber.join(TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.interrupt();
        worker.shutdownNow();
        budgets.close();
    }
}
