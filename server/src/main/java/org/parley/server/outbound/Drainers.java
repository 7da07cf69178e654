package org.parley.server.outbound;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.parley.server.util.NamedThreads;

/**
 * The threads that drain {@link Outbound} queues, one task per connection with something to send (handing
 * over whole chunks of connections measured slower: one thread then works through hundreds of connections
 * while new frames for them pile up behind it). Frames that may wait ({@link Outbound#writeSoon}) are
 * collected and drained on a fixed tick.
 */
public final class Drainers implements AutoCloseable {
    private final ExecutorService pool;
    private final ScheduledExecutorService timer;
    private final long maxBacklogBytes;
    private final Queue<Outbound> due = new ConcurrentLinkedQueue<>();

    /**
     * @param threads         drain threads (draining is encryption: CPU-bound, so about one per core)
     * @param maxBacklogBytes unsent bytes a connection may have waiting before it is closed as not reading
     * @param soonMillis      how long a {@link Outbound#writeSoon} frame may wait for company
     */
    public Drainers(int threads, long maxBacklogBytes, long soonMillis) {
        this.maxBacklogBytes = maxBacklogBytes;
        this.pool = Executors.newFixedThreadPool(threads, NamedThreads.daemon("parley-send"));
        this.timer = Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("parley-send-timer"));
        timer.scheduleWithFixedDelay(this::drainDue, soonMillis, soonMillis, TimeUnit.MILLISECONDS);
    }

    long maxBacklogBytes() {
        return maxBacklogBytes;
    }

    void drainSoon(Outbound outbound) {
        due.add(outbound);
    }

    void drain(Outbound outbound) {
        try {
            pool.execute(outbound::drain);
        } catch (RejectedExecutionException shuttingDown) {
            // Stopping: drain on the caller's thread so that nothing already queued is lost.
            outbound.drain();
        }
    }

    private void drainDue() {
        Outbound next;
        while ((next = due.poll()) != null) {
            next.due();
        }
    }

    /** Lets queued drains finish (callers close their connections through the queues first). */
    @Override
    public void close() {
        timer.shutdown();
        drainDue();
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
