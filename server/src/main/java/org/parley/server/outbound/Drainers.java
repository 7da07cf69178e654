package org.parley.server.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.parley.server.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that drain {@link Outbound} queues, one task per connection with something to send (handing
 * over whole chunks of connections measured slower: one thread then works through hundreds of connections
 * while new frames for them pile up behind it). Frames that may wait ({@link Outbound#writeSoon}) are
 * collected and drained on a fixed tick.
 *
 * <p>One thread drains while it keeps up; the others are called in only when a connection has waited longer than
 * {@link #HELP_AFTER_NANOS} for it (a sustained backlog, not the tail of one burst), and go back to sleep when
 * nothing is left. Why: a message to a room is a burst of one write per member, and on loopback each write also runs
 * the reader's side of TCP. Two drain threads on a two-core machine took both cores for that burst and the readers
 * got theirs only after it: in the 1,000-client room, p99 at 50/100/200 k deliveries/s was 73–76/93–140/146–154 ms
 * with two threads and 52–54/60–73/99–125 ms with this (releng/bench/FINDINGS.md, stop 16). A load beyond one core
 * of sealing still gets every thread.
 *
 * <p>Hand-written rather than a {@link java.util.concurrent.ThreadPoolExecutor}: an executor grows past its core
 * size only when its queue is full, never because work has waited too long.
 */
public final class Drainers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Drainers.class);
    /** How long a connection may wait for the first drain thread before the others help. */
    static final long HELP_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ScheduledExecutorService timer;
    private final long maxBacklogBytes;
    private final LongSupplier nanoClock;
    private final Queue<Ready> ready = new ConcurrentLinkedQueue<>();
    private final Queue<Outbound> due = new ConcurrentLinkedQueue<>();
    private final Worker first;
    private final List<Worker> helpers = new ArrayList<>();
    private volatile boolean stopping;

    /** A connection waiting for a drain thread, and since when. */
    private record Ready(Drainable queue, long since) {
    }

    /** What a drain thread runs: {@link Outbound#drain}, or a test's stand-in. */
    interface Drainable {
        void drain();
    }

    /**
     * @param threads         drain threads at most (draining is encryption: CPU-bound, so about one per core)
     * @param maxBacklogBytes unsent bytes a connection may have waiting before it is closed as not reading
     * @param soonMillis      how long a {@link Outbound#writeSoon} frame may wait for company
     */
    public Drainers(int threads, long maxBacklogBytes, long soonMillis) {
        this(threads, maxBacklogBytes, soonMillis, System::nanoTime);
    }

    Drainers(int threads, long maxBacklogBytes, long soonMillis, LongSupplier nanoClock) {
        this.maxBacklogBytes = maxBacklogBytes;
        this.nanoClock = nanoClock;
        ThreadFactory named = NamedThreads.daemon("parley-send"); // parley-send-1 is the first, the rest help
        this.first = new Worker(named, false);
        for (int i = 2; i <= threads; i++) {
            helpers.add(new Worker(named, true));
        }
        first.thread.start();
        helpers.forEach(helper -> helper.thread.start());
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
        drain((Drainable) outbound::drain);
    }

    /** Queues a drain for the threads; once they are stopping, runs it (and anything left) on the caller's thread. */
    void drain(Drainable queue) {
        long now = nanoClock.getAsLong();
        ready.add(new Ready(queue, now));
        if (stopping) {
            drainLeftovers(); // the workers may have gone: nothing already queued may be lost
            return;
        }
        first.wake();
        // Also checked here: a first thread stuck in one long drain never gets to look at the queue's age itself.
        Ready oldest = ready.peek();
        if (oldest != null) {
            callHelpersIfLate(oldest.since, now);
        }
    }

    private void callHelpersIfLate(long since, long now) {
        if (now - since > HELP_AFTER_NANOS) {
            helpers.forEach(Worker::wake);
        }
    }

    private void drainDue() {
        Outbound next;
        while ((next = due.poll()) != null) {
            next.due();
        }
    }

    private void drainLeftovers() {
        Ready next;
        while ((next = ready.poll()) != null) {
            run(next.queue);
        }
    }

    private static void run(Drainable queue) {
        try {
            queue.drain();
        } catch (RuntimeException | Error e) {
            // A drain thread that died would leave every connection it never reached silent.
            LOG.error("drain failed", e);
        }
    }

    /** Lets queued drains finish (callers close their connections through the queues first). */
    @Override
    public void close() {
        timer.shutdown();
        drainDue();
        stopping = true;
        first.wake();
        helpers.forEach(Worker::wake);
        try {
            first.thread.join(TimeUnit.SECONDS.toMillis(10));
            for (Worker helper : helpers) {
                helper.thread.join(TimeUnit.SECONDS.toMillis(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainLeftovers();
    }

    private final class Worker implements Runnable {
        private final Thread thread;
        private final boolean helper;
        /** Set by the worker before it parks; whoever clears it unparks it (so a wake is never lost or doubled). */
        private final AtomicBoolean parked = new AtomicBoolean();

        Worker(ThreadFactory named, boolean helper) {
            this.helper = helper;
            this.thread = named.newThread(this);
        }

        void wake() {
            if (parked.get() && parked.compareAndSet(true, false)) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            if (helper) {
                sleep(); // helpers start asleep: only a connection that waited too long calls them in
            }
            while (true) {
                Ready next = ready.poll();
                if (next != null) {
                    if (!helper) {
                        callHelpersIfLate(next.since, nanoClock.getAsLong());
                    }
                    Drainers.run(next.queue);
                } else if (stopping) {
                    return;
                } else {
                    sleep();
                }
            }
        }

        /**
         * The first thread sleeps until a drain is queued; a helper until it is called in again (whoever clears
         * {@code parked} unparks, so a wake is neither lost nor doubled; spurious returns from park are ignored).
         */
        private void sleep() {
            parked.set(true);
            while (parked.get() && !stopping && (helper || ready.isEmpty())) {
                LockSupport.park(this);
            }
            parked.set(false);
        }
    }
}
