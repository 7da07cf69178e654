package org.parley.bench.scenario;

import java.util.ArrayList;
import java.util.List;

import org.parley.bench.Plan;
import org.parley.bench.load.ChatTarget;

/**
 * The fan-out comparison: for each room size, a fresh Parley and a fresh InspIRCd, each with N bots in one
 * room, the offered rate raised step by step until the server no longer keeps up; the highest delivery rate
 * reached is its peak. At the curve's room size, latency is then measured at fractions of that peak.
 */
public final class FanOutSuite {

    /** Starts a fresh server of one kind. */
    @FunctionalInterface
    public interface Targets {
        ChatTarget start(String kind, int size) throws Exception;
    }

    /** One server at one room size: its peak search and, where measured, its latency curve. */
    public record Run(String server, int clients, double seatingSeconds, List<Room.Step> search, double peak,
            Room.Step atPeak, List<Room.Step> curve, String failure) {
    }

    /** Both servers at one room size. {@code ratio} is Parley's peak over InspIRCd's (0 without InspIRCd). */
    public record Size(int clients, Run parley, Run inspircd, double ratio) {
    }

    private final Plan plan;
    private final Targets targets;
    private final List<String> kinds;

    public FanOutSuite(Plan plan, Targets targets, List<String> kinds) {
        this.plan = plan;
        this.targets = targets;
        this.kinds = kinds;
    }

    public List<Size> run() throws Exception {
        List<Size> sizes = new ArrayList<>();
        for (int clients : plan.fanOutSizes()) {
            Run parley = null;
            Run irc = null;
            for (String kind : kinds) {
                Run run = measure(kind, clients);
                if (kind.startsWith("parley")) {
                    parley = run;
                } else {
                    irc = run;
                }
            }
            double ratio = parley != null && irc != null && irc.peak() > 0 ? parley.peak() / irc.peak() : 0;
            sizes.add(new Size(clients, parley, irc, ratio));
        }
        return sizes;
    }

    /** Measures one server at one size; a server that cannot even seat the room is recorded as such. */
    private Run measure(String kind, int clients) throws Exception {
        try (ChatTarget target = targets.start(kind, clients)) {
            Room room;
            try {
                room = Room.seat(target, clients, plan.seatTimeout());
            } catch (IllegalStateException e) {
                log("%s: %s", target.name(), e.getMessage());
                return new Run(target.name(), clients, plan.seatTimeout().toSeconds(), List.of(), 0, null, List.of(), e.getMessage());
            }
            try (room) {
                return measure(target, room, clients);
            }
        }
    }

    private Run measure(ChatTarget target, Room room, int clients) throws Exception {
        log("%s: %d bots seated in %.1f s", target.name(), clients, room.seatingTime().toMillis() / 1000.0);
        // Warm-up, not recorded: JIT compilation and TLS session caches, for both servers alike.
        Room.Step warmUp = room.run(plan.startRate(), plan.senders(), plan.step(), plan.drain());
        log("%s n=%d warm-up at %.0f/s: %.0f deliveries/s", target.name(), clients, warmUp.achievedOffer(),
                warmUp.deliveriesPerSecond());
        List<Room.Step> search = new ArrayList<>();
        double rate = plan.startRate();
        for (int i = 0; i < plan.maxSteps(); i++) {
            Room.Step step = room.run(rate, plan.senders(), plan.step(), plan.drain());
            search.add(step);
            log("%s n=%d offered %.0f/s -> %.0f deliveries/s, p99 %.1f ms, complete=%s, CPU us/delivery server %.2f generator %.2f",
                    target.name(), clients, step.achievedOffer(), step.deliveriesPerSecond(), step.latency().p99(), step.complete(),
                    step.serverMicrosPerDelivery(), step.generatorMicrosPerDelivery());
            if (!step.keptUp()) {
                break;
            }
            rate *= plan.rateFactor();
        }
        Room.Step best = search.stream().max((a, b) -> Double.compare(a.deliveriesPerSecond(), b.deliveriesPerSecond())).orElseThrow();
        double peak = best.deliveriesPerSecond();
        List<Room.Step> curve = new ArrayList<>();
        if (clients == plan.curveClients()) {
            for (double fraction : plan.curveFractions()) {
                Room.Step step = room.run(fraction * peak, plan.senders(), plan.step(), plan.drain());
                curve.add(step);
                log("%s curve %.0f%% of peak: p50 %.2f p99 %.2f p99.9 %.2f ms, CPU us/delivery server %.2f generator %.2f",
                        target.name(), fraction * 100, step.latency().p50(), step.latency().p99(), step.latency().p999(),
                        step.serverMicrosPerDelivery(), step.generatorMicrosPerDelivery());
            }
        }
        return new Run(target.name(), clients, room.seatingTime().toMillis() / 1000.0, search, peak, best, curve, null);
    }

    static void log(String format, Object... args) {
        System.out.println("[bench] " + String.format(format, args));
        System.out.flush();
    }
}
