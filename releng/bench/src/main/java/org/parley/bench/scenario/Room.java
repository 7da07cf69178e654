package org.parley.bench.scenario;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.parley.bench.load.Batch;
import org.parley.bench.load.ChatBot;
import org.parley.bench.load.ChatTarget;
import org.parley.bench.load.Deliveries;
import org.parley.bench.load.Stamp;
import org.parley.bench.report.Machine;

/**
 * N bots seated in one room of one server, some of which send at a fixed, open-loop rate (the pacer does not
 * wait for the server, so a slow server shows up as latency rather than as a lower offered rate). Every
 * message must reach the N-1 other members; a step counts what arrived and how late.
 */
public final class Room implements AutoCloseable {

    private final ChatTarget target;
    private final Deliveries sink;
    private final List<ChatBot> bots;
    private final Duration seatingTime;
    private int step;

    private Room(ChatTarget target, Deliveries sink, List<ChatBot> bots, Duration seatingTime) {
        this.target = target;
        this.sink = sink;
        this.bots = bots;
        this.seatingTime = seatingTime;
    }

    /** Seats {@code clients} bots (bounded concurrency), failing if any cannot be seated within {@code timeout}. */
    public static Room seat(ChatTarget target, int clients, Duration timeout) throws Exception {
        Deliveries sink = new Deliveries();
        Batch.Outcome<ChatBot> seated = Batch.run(clients, Batch.SETUP_CONCURRENCY, timeout, i -> target.seat(i, sink));
        Room room = new Room(target, sink, seated.done(), seated.took());
        if (!seated.complete()) {
            room.close();
            seated.orThrow(target.name() + ": seating");
        }
        // Let the join announcements (presence, JOIN/NAMES) drain before measuring.
        Thread.sleep(Math.min(5000, 200 + clients));
        return room;
    }

    public int clients() {
        return bots.size();
    }

    public Duration seatingTime() {
        return seatingTime;
    }

    public ChatTarget target() {
        return target;
    }

    /**
     * One measurement: {@code senders} bots together offer {@code deliveriesPerSecond} (that is, messages per
     * second times N-1) for {@code duration}, then the step waits up to {@code drain} for every delivery.
     */
    public Step run(double deliveriesPerSecond, int senders, Duration duration, Duration drain) throws InterruptedException {
        int n = bots.size();
        int s = Math.max(1, Math.min(senders, n));
        double messagesPerSecond = deliveriesPerSecond / (n - 1);
        int thisStep = ++step;
        sink.begin(thisStep);
        CpuClock cpu = CpuClock.start(target.pids());
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        long now;
        while ((now = System.nanoTime()) < end) {
            long due = 1 + (long) ((now - start) * messagesPerSecond / 1e9);
            while (sent < due) {
                bots.get((int) (sent % s)).say(Stamp.text(thisStep, System.nanoTime(), sent));
                sent++;
            }
            LockSupport.parkNanos(200_000);
        }
        long sendingNanos = System.nanoTime() - start;
        long expected = sent * (n - 1);
        long drainEnd = System.nanoTime() + drain.toNanos();
        while (sink.delivered() < expected && System.nanoTime() < drainEnd) {
            Thread.sleep(5);
        }
        long delivered = sink.delivered();
        double serverCpu = cpu.serverSeconds();
        double generatorCpu = cpu.generatorSeconds();
        long last = sink.lastNanos();
        double seconds = ((last > 0 ? last : System.nanoTime()) - start) / 1e9;
        Histogram latency = sink.latencyMicros();
        return new Step(target.name(), n, s, deliveriesPerSecond, sent / (sendingNanos / 1e9) * (n - 1), sent, expected,
                delivered, seconds, delivered / seconds, delivered == expected, Latency.of(latency), serverCpu, generatorCpu,
                Machine.loadAverage());
    }

    @Override
    public void close() {
        bots.forEach(ChatBot::close);
    }

    /**
     * One step's outcome.
     *
     * @param offered  deliveries per second asked for; {@code achievedOffer} what the pacer managed to send
     * @param complete every sent message reached every other member within the drain time
     * @param serverCpuSeconds    CPU time of the server process during the step (sending and draining)
     * @param generatorCpuSeconds CPU time of this generator during the step: the two share the machine's cores
     * @param loadAverage         the machine's load average (1/5/15 min) at the end of the step
     */
    public record Step(String server, int clients, int senders, double offered, double achievedOffer, long sent,
            long expected, long delivered, double seconds, double deliveriesPerSecond, boolean complete, Latency latency,
            double serverCpuSeconds, double generatorCpuSeconds, String loadAverage) {

        /** Share of one core the server process used over the step (100 = one core busy throughout). */
        public double serverCpuPercent() {
            return seconds == 0 ? 0 : 100 * serverCpuSeconds / seconds;
        }

        /** Share of one core this generator used over the step. */
        public double generatorCpuPercent() {
            return seconds == 0 ? 0 : 100 * generatorCpuSeconds / seconds;
        }

        /** Server CPU per delivery, in microseconds: what a delivery costs the server, whoever else is busy. */
        public double serverMicrosPerDelivery() {
            return delivered == 0 ? 0 : serverCpuSeconds * 1e6 / delivered;
        }

        /** Generator CPU per delivery, in microseconds (decrypting and reading it, plus its share of sending). */
        public double generatorMicrosPerDelivery() {
            return delivered == 0 ? 0 : generatorCpuSeconds * 1e6 / delivered;
        }

        /** The server kept up: everything arrived and the throughput matched what was offered. */
        public boolean keptUp() {
            return complete && deliveriesPerSecond >= 0.85 * achievedOffer;
        }
    }
}
