package org.parley.bench.scenario;

import org.HdrHistogram.Histogram;

/** Latency percentiles in milliseconds, from a histogram recorded in microseconds. */
public record Latency(long count, double p50, double p99, double p999, double max) {

    public static Latency of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Latency(0, 0, 0, 0, 0);
        }
        return new Latency(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
