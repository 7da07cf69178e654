package org.parley.server.bus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.parley.protocol.ChatMessage;
import org.parley.server.bus.Bus.Delivery;
import org.parley.server.chat.Directory;
import org.parley.server.outbound.Outbound;
import org.parley.server.store.Store;
import org.parley.server.store.UserStore;
import org.parley.server.util.Causes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a node of a cluster delivers messages: only by reading them from the store after the newest id it has
 * delivered in their conversation, on the bus's one worker thread, whatever started the read (a message committed
 * here, another node's event, a resync after a loss), so a session never gets a message twice, never misses one, and
 * gets each conversation in id order (docs/cluster.md, "The bus between nodes"). Reads that fail are retried.
 */
final class StoreCatchUp {
    /** Under the bus's name: to an operator these are the bus's lines. */
    private static final Logger LOG = LoggerFactory.getLogger(RedisBus.class);
    /** Messages per store read while catching a conversation up. */
    static final int REPAIR_PAGE = 500;
    /** How long a catch-up or resync that could not read the store waits before it tries again. */
    static final long REPAIR_RETRY_MILLIS = 1_000;
    /** The longest a store read may take before it counts as failed (the pool waits 2 s for a connection). */
    static final long STORE_READ_SECONDS = 10;

    private final Store store;
    private final Directory directory;
    private final Delivery delivery;
    private final ScheduledThreadPoolExecutor worker;
    /** Per conversation, the newest id delivered to this node's sessions. Worker thread only. */
    private final Map<String, Long> delivered = new HashMap<>();
    /** Per conversation, the id a failed catch-up still has to reach; its retry is scheduled. Worker thread only. */
    private final Map<String, Long> retrying = new HashMap<>();
    private boolean resyncRetrying;
    /** The sender's connection of a message stored here, left out when it is delivered: it has its acknowledgement. */
    private final Map<Long, Outbound> senders = new ConcurrentHashMap<>();
    private final SendsUnderWay sending = new SendsUnderWay();
    /** Per conversation, the id a catch-up stopped short of to wait for a send under way. Worker thread only. */
    private final Map<String, Long> waitingForSend = new HashMap<>();
    private volatile boolean closed;

    StoreCatchUp(Store store, Directory directory, Delivery delivery, ScheduledThreadPoolExecutor worker) {
        this.store = store;
        this.directory = directory;
        this.delivery = delivery;
        this.worker = worker;
    }

    /** Where every conversation stands at start: older messages are history, which clients fetch themselves. */
    void startFrom(Map<String, Long> latest) {
        delivered.putAll(latest);
    }

    /** A read of the store that the bus waits for, at most {@link #STORE_READ_SECONDS}. */
    static <T> T read(CompletableFuture<T> future) throws ExecutionException, TimeoutException {
        try {
            return future.get(STORE_READ_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionException(e);
        }
    }

    /** See {@link Bus#sending}. */
    Runnable sending(String conv, String userKey) {
        return sending.begin(conv, userKey, () -> worker.execute(() -> {
            Long upTo = waitingForSend.remove(conv);
            if (upTo != null) {
                catchUp(conv, upTo);
            }
        }));
    }

    /** A message of {@code conv} was committed here (writer thread: queues only); {@code except} is its sender. */
    void committed(String conv, ChatMessage message, Outbound except) {
        long id = message.id();
        if (except != null) {
            senders.put(id, except);
        }
        worker.execute(() -> {
            catchUp(conv, id);
            if (delivered.getOrDefault(conv, 0L) >= id) {
                senders.remove(id); // delivered earlier, by a catch-up another node's event started
            }
        });
    }

    /** No more reads or retries (the worker is being shut down). */
    void close() {
        closed = true;
    }

    /**
     * Delivers every message of {@code conv} after the newest one delivered here, at least up to {@code upTo}, read
     * from the store in id order. Ids in a conversation grow in commit order (the advisory lock in PgMessages), so
     * nothing committed before {@code upTo} can appear later with a smaller id.
     */
    void catchUp(String conv, long upTo) {
        if (closed) {
            return;
        }
        long last = delivered.getOrDefault(conv, 0L);
        if (upTo <= last) {
            return;
        }
        try {
            while (true) {
                List<ChatMessage> page = read(store.messages().page(conv, null, last, REPAIR_PAGE));
                for (ChatMessage message : page) {
                    Outbound sender = senders.remove(message.id());
                    if (sender == null && sending.underWay(conv, UserStore.keyOf(message.from()))) {
                        // Perhaps stored here with its callback still to run: the send's end looks again.
                        waitingForSend.merge(conv, upTo, Math::max);
                        return;
                    }
                    delivery.deliver(conv, message, sender);
                    last = message.id();
                    delivered.put(conv, last); // per message: a failure further on must not deliver this one again
                }
                if (page.size() < REPAIR_PAGE) {
                    break;
                }
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            retryCatchUp(conv, upTo, Causes.reason(e));
            return;
        }
        if (last < upTo) {
            // Committed (someone said so) but not visible to this read: a replica lagging, or a bug. Look again.
            retryCatchUp(conv, upTo, "message " + upTo + " not in the store yet");
        }
    }

    private void retryCatchUp(String conv, long upTo, String why) {
        Long pending = retrying.get(conv);
        if (pending != null) {
            retrying.put(conv, Math.max(pending, upTo));
            return;
        }
        LOG.warn("bus: cannot catch {} up to {} from the store ({}); trying again in {} ms", conv, upTo, why,
                REPAIR_RETRY_MILLIS);
        retrying.put(conv, upTo);
        schedule(() -> {
            Long target = retrying.remove(conv);
            if (target != null) {
                catchUp(conv, target);
            }
        });
    }

    private void schedule(Runnable task) {
        if (!closed) {
            worker.schedule(task, REPAIR_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Compares this node with the store after it may have missed events (a new subscription, another node's
     * announcement): the directory from the store's snapshot, then every conversation caught up to its newest id.
     */
    void resync() {
        if (closed) {
            return;
        }
        try {
            refreshDirectory();
            Map<String, Long> latest = read(store.messages().latest());
            latest.forEach(this::catchUp);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            if (!resyncRetrying) {
                LOG.warn("bus: cannot compare with the store ({}); trying again in {} ms", Causes.reason(e), REPAIR_RETRY_MILLIS);
                resyncRetrying = true;
                schedule(() -> {
                    resyncRetrying = false;
                    resync();
                });
            }
        }
    }

    /** The store's users, rooms and members, unless this node changed its directory while the snapshot was read. */
    private void refreshDirectory() throws ExecutionException, TimeoutException {
        for (int attempt = 0; attempt < 3; attempt++) {
            long seen = directory.version();
            if (directory.refresh(read(store.snapshot()), seen)) {
                return;
            }
        }
        // Busy with local joins: the events of this node's own writes keep it right; the next resync tries again.
        LOG.info("bus: directory kept changing during the resync; left as it is");
    }
}
