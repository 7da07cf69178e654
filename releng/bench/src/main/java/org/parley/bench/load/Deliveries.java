package org.parley.bench.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Where every receiving connection reports the stamped messages it gets: counts them and records their
 * end-to-end latency (microseconds) for the current step. Lines of an earlier step are counted as stale and
 * kept out of the current step's numbers. Thread-safe; called from the generator's I/O threads.
 */
public final class Deliveries {
    private final Recorder latency = new Recorder(3);
    private final LongAdder delivered = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final AtomicLong lastNanos = new AtomicLong();
    private volatile int step = -1;

    /** Starts a step: counters and the latency histogram restart from zero. */
    public void begin(int newStep) {
        step = newStep;
        delivered.reset();
        latency.reset();
        lastNanos.set(0);
    }

    /** Looks for a stamp in a received line; returns true when it was one of the current step's messages. */
    public boolean accept(String line) {
        int at = Stamp.find(line);
        if (at < 0) {
            return false;
        }
        long now = System.nanoTime();
        int[] end = new int[1];
        long lineStep = Stamp.number(line, at, end);
        long sent = Stamp.number(line, end[0], end);
        if (lineStep != step) {
            stale.increment();
            return false;
        }
        latency.recordValue(Math.max(1, (now - sent) / 1000));
        delivered.increment();
        lastNanos.accumulateAndGet(now, Math::max);
        return true;
    }

    public long delivered() {
        return delivered.sum();
    }

    public long stale() {
        return stale.sum();
    }

    /** {@link System#nanoTime()} of the latest delivery in this step, 0 if none. */
    public long lastNanos() {
        return lastNanos.get();
    }

    /** The step's latencies so far, in microseconds (resets the recorder's interval). */
    public Histogram latencyMicros() {
        return latency.getIntervalHistogram();
    }
}
