package org.parley.client.core.internal.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Listener events must run one at a time and in order even on a concurrent executor. */
class SerialExecutorTest {

    @Test
    void runsOneAtATimeInSubmissionOrder() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        SerialExecutor serial = new SerialExecutor(pool);
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        List<Integer> seen = new ArrayList<>();
        int producers = 4;
        int perProducer = 500;
        CountDownLatch done = new CountDownLatch(producers * perProducer);
        Thread[] threads = new Thread[producers];
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads[p] = new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    int value = producer * perProducer + i;
                    serial.execute(() -> {
                        maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
                        seen.add(value); // unsynchronized on purpose: only safe if tasks never overlap
                        active.decrementAndGet();
                        done.countDown();
                    });
                }
            });
            threads[p].start();
        }
        assertTrue(done.await(30, TimeUnit.SECONDS), "all tasks ran");
        pool.shutdown();
        assertEquals(1, maxActive.get(), "never two at once");
        assertEquals(producers * perProducer, seen.size());
        for (int p = 0; p < producers; p++) {
            int producer = p;
            List<Integer> own = seen.stream().filter(v -> v / perProducer == producer).toList();
            for (int i = 1; i < own.size(); i++) {
                assertTrue(own.get(i - 1) < own.get(i), "each producer's tasks in its order");
            }
        }
    }

    @Test
    void aRejectingExecutorDropsEventsQuietly() {
        SerialExecutor serial = new SerialExecutor(task -> {
            throw new IllegalStateException("widget is disposed");
        });
        serial.execute(() -> { });
        serial.execute(() -> { });
    }
}
