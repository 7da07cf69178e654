package org.parley.server.bus;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeoutException;

import org.parley.protocol.ChatMessage;
import org.parley.server.ExitCode;
import org.parley.server.StartupException;
import org.parley.server.chat.Directory;
import org.parley.server.chat.Presence;
import org.parley.server.limit.KnownLogins;
import org.parley.server.limit.Throttle;
import org.parley.server.outbound.Outbound;
import org.parley.server.store.Store;
import org.parley.server.util.Causes;
import org.parley.server.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.RedisClient;

/**
 * The bus between a cluster's nodes on Redis <b>pub/sub</b>, with gap repair from the store (docs/cluster.md, "The
 * bus"). Why pub/sub and not Streams: the store already keeps every message in per-conversation id order, so the bus
 * only has to say "look"; a stream would be a second, bounded copy of the history to trim and to reconcile with the
 * first after a loss, and we repair from the store after a loss anyway.
 *
 * <p>A message is delivered to this node's sessions only by reading it from the store after the newest id this node
 * has delivered in its conversation ({@link StoreCatchUp}), on one thread: so a session never gets a message twice,
 * never misses one that another node's event or a resync points at, and gets each conversation in id order, whether
 * the message was stored here or elsewhere. This class starts and stops the bus's parts ({@link BusPublisher},
 * {@link BusSubscriber}, {@link StoreCatchUp}, {@link ClusterPresence}) and applies the events heard.
 */
public final class RedisBus implements Bus {
    private static final Logger LOG = LoggerFactory.getLogger(RedisBus.class);

    /** One channel for every kind of event: one subscription, and Redis keeps each publisher's events in order. */
    public static final String CHANNEL = "parley:bus";
    /** Connecting and each command; also how long the start waits for the first subscription. */
    static final int TIMEOUT_MILLIS = 2_000;

    private final RedisConnections connections;
    private final String node;
    private final Directory directory;
    private final ReadDelivery reads;

    /** Events heard, catch-ups and resyncs: one thread, so each conversation goes out in id order. */
    private final ScheduledThreadPoolExecutor worker = new ScheduledThreadPoolExecutor(1, NamedThreads.daemon("parley-bus"));
    /** Delivery from the store, in id order per conversation (on {@link #worker}). */
    private final StoreCatchUp catchUp;
    private final BusPublisher publisher;
    private final BusSubscriber subscriber;
    /** Pooled (logins come from many threads at once) for the shared login budgets. */
    private final RedisClient budgets;
    /** Presence across nodes, once {@link #sharePresence} ran. */
    private volatile ClusterPresence presence;

    private RedisBus(RedisConnections connections, String node, Store store, Directory directory, Delivery delivery,
            ReadDelivery reads) {
        this.connections = connections;
        this.node = node;
        this.directory = directory;
        this.catchUp = new StoreCatchUp(store, directory, delivery, worker);
        this.budgets = connections.pool(TIMEOUT_MILLIS);
        this.reads = reads;
        worker.setRemoveOnCancelPolicy(true);
        publisher = new BusPublisher(connections, node);
        subscriber = new BusSubscriber(connections, this::heard, this::subscribed);
    }

    /**
     * Connects, learns where every conversation stands, subscribes and waits for the subscription. Call before the
     * node accepts connections: messages stored before that are history, not pushes.
     */
    public static RedisBus start(BusTarget target, String node, Store store, Directory directory, Delivery delivery,
            ReadDelivery reads) throws StartupException {
        RedisConnections connections = RedisConnections.of(target, TIMEOUT_MILLIS);
        RedisProbe.check(connections, TIMEOUT_MILLIS);
        Map<String, Long> latest;
        try {
            latest = StoreCatchUp.read(store.messages().latest());
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupException(ExitCode.STORE_UNREACHABLE, "cannot read where conversations stand from "
                    + store.location() + ": " + Causes.reason(e), e);
        }
        RedisBus bus = new RedisBus(connections, node, store, directory, delivery, reads);
        bus.catchUp.startFrom(latest);
        bus.subscriber.start();
        bus.publisher.start();
        try {
            if (!bus.subscriber.awaitFirst(TIMEOUT_MILLIS)) {
                bus.close();
                throw RedisProbe.unreachable(target, "no subscription within " + TIMEOUT_MILLIS + " ms", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            bus.close();
            throw RedisProbe.unreachable(target, "interrupted", e);
        }
        LOG.info("bus: node {} on Redis at {} (channel {})", node, target.location(), CHANNEL);
        return bus;
    }

    /**
     * Makes presence cluster-wide: this node's online users go to Redis and the bus, the others' come back into
     * {@code local} (docs/cluster.md, "Global presence"). Call before the node accepts connections.
     */
    public void sharePresence(Presence local, PresenceTiming timing, Clock clock) {
        ClusterPresence shared = new ClusterPresence(connections, node, local, timing, clock, publisher::publish);
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
        publisher.publish(BusEvent.message(node, conv, message.id()));
        catchUp.committed(conv, message, except);
    }

    @Override
    public void readMoved(String userKey, String conv, long upTo) {
        publisher.publish(BusEvent.read(node, userKey, conv, upTo));
    }

    @Override
    public void userAdded(String name) {
        publisher.publish(BusEvent.user(node, name));
    }

    @Override
    public void joined(String room, String userKey) {
        publisher.publish(BusEvent.join(node, room, userKey));
    }

    @Override
    public void left(String room, String userKey) {
        publisher.publish(BusEvent.leave(node, room, userKey));
    }

    // ---- the subscription (subscriber thread: hand over to the worker) ----

    /** Subscribed (again): compare with the store, after the subscription so that nothing falls in between. */
    private void subscribed() {
        // Subscribed first, then compared with the store: an event published meanwhile is heard, and what was
        // committed before is found by the resync (the lost events of Synapse PR #7427 came from the opposite order).
        worker.execute(catchUp::resync);
        ClusterPresence shared = presence;
        if (shared != null) {
            shared.resync();
        }
    }

    private void heard(String text) {
        BusEvent event = BusEvent.decode(text);
        if (event == null || node.equals(event.node())) {
            return; // not ours to read, or our own: delivered through messageCommitted already
        }
        worker.execute(() -> apply(event));
    }

    // ---- events heard (worker thread) ----

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

    // ---- stopping ----

    /** Stops hearing, publishing and beating without a goodbye, as a node killed with SIGKILL would (tests). */
    public void halt() {
        ClusterPresence shared = presence;
        if (shared != null) {
            shared.halt();
        }
        publisher.halt();
        catchUp.close();
        subscriber.stop();
        worker.shutdownNow();
    }

    /** Publishes what is queued (briefly), then stops hearing and delivering. */
    @Override
    public void close() {
        ClusterPresence shared = presence;
        if (shared != null) {
            shared.close(); // its goodbye goes out through the publisher, which still runs
        }
        publisher.finish();
        catchUp.close();
        subscriber.stop();
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
