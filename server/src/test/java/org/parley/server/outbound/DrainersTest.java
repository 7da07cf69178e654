package org.parley.server.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One drain thread works while it keeps up; the others join only when a connection has waited longer than
 * {@link Drainers#HELP_AFTER_NANOS} (the clock is the test's, so "waited" is what the test says), and nothing queued
 * is lost when the drainers close.
 */
class DrainersTest {
    private static final int BURST = 1_000;
    private final AtomicLong clock = new AtomicLong();
    private final Drainers drainers = new Drainers(2, Long.MAX_VALUE, 1_000, clock::get);

    @AfterEach
    void close() {
        drainers.close();
    }

    @Test
    void aBurstThatOneThreadKeepsUpWithIsDrainedByThatThreadAlone() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch drained = new CountDownLatch(BURST);
        for (int i = 0; i < BURST; i++) {
            drainers.drain(() -> {
                threads.add(Thread.currentThread().getName());
                drained.countDown();
            });
        }
        assertTrue(drained.await(30, TimeUnit.SECONDS), "every drain ran");
        assertEquals(1, threads.size(), "drained by " + threads);
    }

    @Test
    void aConnectionWaitingTooLongCallsInTheOtherThread() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch helped = new CountDownLatch(1);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        // The first drain holds its thread until another thread has drained something: only a helper can.
        drainers.drain(() -> {
            threads.add(Thread.currentThread().getName());
            firstStarted.countDown();
            await(helped);
        });
        assertTrue(firstStarted.await(30, TimeUnit.SECONDS));
        drainers.drain(() -> threads.add(Thread.currentThread().getName()));
        drainers.drain(() -> {
            threads.add(Thread.currentThread().getName());
            helped.countDown();
        });
        clock.addAndGet(Drainers.HELP_AFTER_NANOS + 1);
        // Queued now, it is the first thread's next look at the clock: that one has waited too long.
        drainers.drain(() -> threads.add(Thread.currentThread().getName()));
        assertTrue(helped.await(30, TimeUnit.SECONDS), "a second thread drained while the first was busy");
        assertEquals(2, threads.size(), "drained by " + threads);
    }

    @Test
    void closingDrainsEverythingQueued() {
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        drainers.drain(() -> await(release));
        for (int i = 0; i < BURST; i++) {
            drainers.drain(ran::incrementAndGet);
        }
        release.countDown();
        drainers.close();
        drainers.drain(ran::incrementAndGet); // after close: run at once on this thread
        assertEquals(BURST + 1, ran.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
