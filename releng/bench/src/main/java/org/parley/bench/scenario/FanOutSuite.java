package org.parley.bench.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.parley.bench.Plan;
import org.parley.bench.load.ChatTarget;

/**
 * The fan-out comparison. For each room size, a fresh Parley and a fresh InspIRCd are started and both rooms seated
 * side by side; then each server's peak search (the offered rate raised step by step until the server no longer keeps
 * up) runs {@link Plan#rounds()} times, interleaved (Parley, InspIRCd, Parley, ...), so that a hiccup of a shared
 * machine cuts one search short rather than one server's figure; the report gives the median and the spread. At the
 * {@link Plan#fixedRateSizes()}, both servers are then measured at the same offered rates, interleaved rate by rate:
 * latency and CPU compared at the same load, not each at a fraction of its own peak.
 */
public final class FanOutSuite {

    /** Starts a fresh server of one kind. */
    @FunctionalInterface
    public interface Targets {
        ChatTarget start(String kind, int size) throws Exception;
    }

    /** One peak search: its steps and the best of them. */
    public record Search(List<Room.Step> steps, double peak, Room.Step atPeak) {
        /** The last step still kept up: the search ended at its step limit, not at the server's limit. */
        public boolean saturated() {
            return !steps.get(steps.size() - 1).keptUp();
        }
    }

    /**
     * One server at one room size: its searches in the order run, and its steps at the fixed rates ({@code failure}
     * when the room could not even be seated).
     */
    public record Run(String server, int clients, double seatingSeconds, List<Search> searches, List<Room.Step> fixed,
            String failure) {

        /** Median of the searches' peaks (0 without any). */
        public double peak() {
            return searches.isEmpty() ? 0 : median().peak();
        }

        /** The search whose peak is the median (the lower middle one of an even count). */
        public Search median() {
            List<Search> sorted = searches.stream().sorted(Comparator.comparingDouble(Search::peak)).toList();
            return sorted.get((sorted.size() - 1) / 2);
        }

        public double minPeak() {
            return searches.stream().mapToDouble(Search::peak).min().orElse(0);
        }

        public double maxPeak() {
            return searches.stream().mapToDouble(Search::peak).max().orElse(0);
        }

        /** (max − min) / median of the peaks, in percent. */
        public double spreadPercent() {
            double median = peak();
            return median == 0 ? 0 : 100 * (maxPeak() - minPeak()) / median;
        }

        /** The step at the median search's peak, or null. */
        public Room.Step atPeak() {
            return searches.isEmpty() ? null : median().atPeak();
        }

        /** The fixed-rate step at {@code offered} deliveries/s, or null. */
        public Room.Step at(double offered) {
            return fixed.stream().filter(s -> s.offered() == offered).findFirst().orElse(null);
        }
    }

    /** Both servers at one room size. {@code ratio} is Parley's median peak over InspIRCd's (0 without InspIRCd). */
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
            Map<String, Run> runs = measure(clients);
            // "parley" (its own protocol) or "parley-irc" (its IRC gateway) against "inspircd".
            Run parley = runs.entrySet().stream().filter(e -> e.getKey().startsWith("parley")).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
            Run irc = runs.get("inspircd");
            double ratio = parley != null && irc != null && irc.peak() > 0 ? parley.peak() / irc.peak() : 0;
            sizes.add(new Size(clients, parley, irc, ratio));
        }
        return sizes;
    }

    /**
     * Every kind at one size, their rooms seated side by side so that every measurement can alternate; keyed by kind,
     * in the order of the kinds.
     */
    public Map<String, Run> measure(int clients) throws Exception {
        Map<String, ChatTarget> started = new LinkedHashMap<>();
        Map<String, Room> rooms = new LinkedHashMap<>();
        Map<String, Run> runs = new LinkedHashMap<>();
        try {
            for (String kind : kinds) {
                ChatTarget target = targets.start(kind, clients);
                started.put(kind, target);
                try {
                    Room room = Room.seat(target, clients, plan.seatTimeout());
                    rooms.put(kind, room);
                    log("%s: %d bots seated in %.1f s", target.name(), clients, room.seatingTime().toMillis() / 1000.0);
                } catch (IllegalStateException e) {
                    log("%s: %s", target.name(), e.getMessage());
                    runs.put(kind, new Run(target.name(), clients, plan.seatTimeout().toSeconds(), List.of(), List.of(), e.getMessage()));
                }
            }
            Map<String, List<Search>> searches = new LinkedHashMap<>();
            Map<String, List<Room.Step>> fixed = new LinkedHashMap<>();
            rooms.forEach((kind, room) -> {
                searches.put(kind, new ArrayList<>());
                fixed.put(kind, new ArrayList<>());
            });
            for (Map.Entry<String, Room> e : rooms.entrySet()) {
                // Warm-up, not recorded: JIT compilation and TLS session caches, for both servers alike.
                Room.Step warmUp = e.getValue().run(plan.startRate(), plan.senders(), plan.step(), plan.drain());
                log("%s n=%d warm-up at %.0f/s: %.0f deliveries/s", e.getValue().target().name(), clients, warmUp.achievedOffer(),
                        warmUp.deliveriesPerSecond());
            }
            for (int round = 1; round <= plan.rounds(); round++) {
                for (Map.Entry<String, Room> e : rooms.entrySet()) {
                    searches.get(e.getKey()).add(search(e.getValue(), clients, round));
                }
            }
            if (plan.fixedRateSizes().contains(clients)) {
                for (double rate : plan.fixedRates()) {
                    for (Map.Entry<String, Room> e : rooms.entrySet()) {
                        Room.Step step = e.getValue().run(rate, plan.senders(), plan.step(), plan.drain());
                        fixed.get(e.getKey()).add(step);
                        log("%s n=%d fixed %.0f/s: %s", e.getValue().target().name(), clients, rate, describe(step));
                    }
                }
            }
            rooms.forEach((kind, room) -> runs.put(kind, new Run(room.target().name(), clients,
                    room.seatingTime().toMillis() / 1000.0, searches.get(kind), fixed.get(kind), null)));
            return runs;
        } finally {
            rooms.values().forEach(Room::close);
            for (ChatTarget target : started.values()) {
                target.close();
            }
        }
    }

    private Search search(Room room, int clients, int round) throws InterruptedException {
        List<Room.Step> steps = new ArrayList<>();
        double rate = plan.startRate();
        for (int i = 0; i < plan.maxSteps(); i++) {
            Room.Step step = room.run(rate, plan.senders(), plan.step(), plan.drain());
            steps.add(step);
            log("%s n=%d search %d offered %.0f/s: %s", room.target().name(), clients, round, step.achievedOffer(), describe(step));
            if (!step.keptUp()) {
                break;
            }
            rate *= plan.rateFactor();
        }
        Room.Step best = steps.stream().max(Comparator.comparingDouble(Room.Step::deliveriesPerSecond)).orElseThrow();
        return new Search(steps, best.deliveriesPerSecond(), best);
    }

    private static String describe(Room.Step step) {
        return String.format("%.0f deliveries/s, p50 %.1f p99 %.1f ms, complete=%s, CPU us/delivery server %.2f generator %.2f,"
                + " server CPU %.0f%%, load %s", step.deliveriesPerSecond(), step.latency().p50(), step.latency().p99(),
                step.complete(), step.serverMicrosPerDelivery(), step.generatorMicrosPerDelivery(), step.serverCpuPercent(),
                step.loadAverage());
    }

    static void log(String format, Object... args) {
        System.out.println("[bench] " + String.format(format, args));
        System.out.flush();
    }
}
