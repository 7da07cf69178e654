package org.parley.bench.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.parley.bench.parley.ParleyTarget;
import org.parley.bench.scenario.FanOutSuite;
import org.parley.bench.scenario.Latency;
import org.parley.bench.scenario.Room;

/** Tables and charts of the fan-out comparison: peaks (median and spread of the searches) and the fixed rates. */
public final class FanOutReport {
    private FanOutReport() {
    }

    public static void add(Report report, List<FanOutSuite.Size> sizes, String machineLine) throws IOException {
        report.put("fanout", sizes);
        List<List<String>> rows = new ArrayList<>();
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (FanOutSuite.Size size : sizes) {
            rows.add(List.of(Report.count(size.clients()), peak(size.parley()), peak(size.inspircd()), ratio(size),
                    rounds(size.parley()), rounds(size.inspircd()), atPeak(size.parley()), atPeak(size.inspircd()),
                    cpuAtPeak(size.parley()), cpuAtPeak(size.inspircd())));
            for (FanOutSuite.Run run : new FanOutSuite.Run[] {size.parley(), size.inspircd()}) {
                if (run != null) {
                    bars.computeIfAbsent(run.server(), k -> new LinkedHashMap<>()).put(Report.count(size.clients()) + " clients", run.peak());
                }
            }
        }
        report.section("Fan-out: peak deliveries per second, one room, TLS", Report.table(
                List.of("clients in room", "Parley deliveries/s, median (min–max, spread)", "InspIRCd deliveries/s, median (min–max, spread)",
                        "Parley / InspIRCd, medians (lowest–highest pairing)", "Parley peaks, in order", "InspIRCd peaks, in order",
                        "Parley latency at median peak p50 / p99 / p99.9 ms", "InspIRCd latency at median peak p50 / p99 / p99.9 ms",
                        "Parley CPU µs per delivery at median peak, server / generator",
                        "InspIRCd CPU µs per delivery at median peak, server / generator"), rows)
                + "\nPeak = highest delivery rate in a search that raises the offered rate step by step until a step no longer keeps up: "
                + "not every message delivered within the drain time, or fewer than 85% of the offered deliveries per second. "
                + "Each server's search runs several times, interleaved with the other's (Parley, InspIRCd, Parley, ...), both rooms "
                + "seated side by side; spread = (max − min) / median. \"(ns)\" marks a search that still kept up at its last step. "
                + "Every step of every search, with the load average at its end, is in results.json. Parley rooms larger than "
                + Report.count(ParleyTarget.MAX_ACCOUNTS) + " clients share that many accounts among their connections (as when a "
                + "login was announced to every session, before protocol 3); InspIRCd's clients "
                + "all have their own nick. CPU per delivery = CPU seconds of the server process (and of the generator) during the "
                + "step, over its deliveries: the two share the machine's cores, so a server's own cost shows here whatever the "
                + "generator takes.\n");
        Charts.bars(report.dir().resolve("fanout-peak.png"), "Fan-out peak deliveries/s, median of the searches (one room, TLS)",
                machineLine, "room size", "deliveries per second", bars);
        addFixedRates(report, sizes, machineLine);
    }

    /** Both servers at the same offered rates: one table row per rate, the two side by side. */
    private static void addFixedRates(Report report, List<FanOutSuite.Size> sizes, String machineLine) throws IOException {
        List<Charts.Line> lines = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (FanOutSuite.Size size : sizes) {
            FanOutSuite.Run parley = size.parley();
            FanOutSuite.Run irc = size.inspircd();
            FanOutSuite.Run any = parley != null && !parley.fixed().isEmpty() ? parley : irc;
            if (any == null || any.fixed().isEmpty()) {
                continue;
            }
            List<List<String>> rows = new ArrayList<>();
            for (Room.Step step : any.fixed()) {
                double rate = step.offered();
                Room.Step p = parley == null ? null : parley.at(rate);
                Room.Step i = irc == null ? null : irc.at(rate);
                rows.add(List.of(Report.count(rate), latency(p), latency(i), cpu(p), cpu(i), cpuShare(p), cpuShare(i),
                        load(p, i)));
            }
            for (FanOutSuite.Run run : new FanOutSuite.Run[] {parley, irc}) {
                if (run != null && !run.fixed().isEmpty()) {
                    String name = run.server() + " " + Report.count(size.clients());
                    lines.add(new Charts.Line(name + " p50", points(run.fixed(), Latency::p50)));
                    lines.add(new Charts.Line(name + " p99", points(run.fixed(), Latency::p99)));
                }
            }
            text.append("\n**").append(Report.count(size.clients())).append(" clients in the room**\n\n").append(Report.table(
                    List.of("offered deliveries/s", "Parley delivered/s, p50 / p99 / p99.9 ms", "InspIRCd delivered/s, p50 / p99 / p99.9 ms",
                            "Parley CPU µs per delivery, server / generator", "InspIRCd CPU µs per delivery, server / generator",
                            "Parley server / generator CPU, % of a core", "InspIRCd server / generator CPU, % of a core",
                            "load average after Parley's / InspIRCd's step"), rows));
        }
        if (!lines.isEmpty()) {
            report.section("Latency and CPU at fixed offered rates (both servers at the same load)", text
                    + "\nEach rate is offered to Parley and then to InspIRCd before the next rate; \"NOT ALL\" marks a step in which "
                    + "some message had not reached every member within the drain time. CPU % of a core = CPU seconds of the "
                    + "process over the step's length (2 cores = 200%).\n\n![latency at fixed rates](latency-curve.png)\n");
            Charts.lines(report.dir().resolve("latency-curve.png"), "End-to-end latency at fixed offered rates (one room, TLS)",
                    machineLine, "offered load, thousand deliveries/s", "latency, ms (log scale)", true, lines);
        }
    }

    private static List<double[]> points(List<Room.Step> steps, java.util.function.ToDoubleFunction<Latency> percentile) {
        return steps.stream().map(s -> new double[] {s.offered() / 1000, percentile.applyAsDouble(s.latency())}).toList();
    }

    static String latency(Room.Step step) {
        if (step == null) {
            return "–";
        }
        Latency l = step.latency();
        return Report.count(step.deliveriesPerSecond()) + ", " + Report.ms(l.p50()) + " / " + Report.ms(l.p99()) + " / "
                + Report.ms(l.p999()) + (step.complete() ? "" : " NOT ALL");
    }

    static String cpuShare(Room.Step step) {
        return step == null ? "–" : String.format("%.0f%% / %.0f%%", step.serverCpuPercent(), step.generatorCpuPercent());
    }

    private static String load(Room.Step parley, Room.Step irc) {
        return (parley == null ? "–" : parley.loadAverage().split(" ")[0]) + " / " + (irc == null ? "–" : irc.loadAverage().split(" ")[0]);
    }

    static String peak(FanOutSuite.Run run) {
        if (run != null && run.failure() != null) {
            return "not measured: " + run.failure();
        }
        if (run == null || run.searches().isEmpty()) {
            return "–";
        }
        return Report.count(run.peak()) + (run.median().saturated() ? "" : " (ns)") + " (" + Report.count(run.minPeak()) + "–"
                + Report.count(run.maxPeak()) + ", " + String.format("%.0f%%", run.spreadPercent()) + ")";
    }

    private static String ratio(FanOutSuite.Size size) {
        if (size.ratio() <= 0) {
            return "–";
        }
        return String.format("%.2f× (%.2f–%.2f)", size.ratio(), size.parley().minPeak() / size.inspircd().maxPeak(),
                size.parley().maxPeak() / size.inspircd().minPeak());
    }

    private static String rounds(FanOutSuite.Run run) {
        return run == null || run.searches().isEmpty() ? "–"
                : run.searches().stream().map(s -> Report.count(s.peak()) + (s.saturated() ? "" : " (ns)")).collect(Collectors.joining(", "));
    }

    private static String cpuAtPeak(FanOutSuite.Run run) {
        return run == null || run.atPeak() == null ? "–" : cpu(run.atPeak());
    }

    static String cpu(Room.Step step) {
        return step == null ? "–" : String.format("%.2f / %.2f", step.serverMicrosPerDelivery(), step.generatorMicrosPerDelivery());
    }

    private static String atPeak(FanOutSuite.Run run) {
        if (run == null || run.atPeak() == null) {
            return "–";
        }
        Latency l = run.atPeak().latency();
        return Report.ms(l.p50()) + " / " + Report.ms(l.p99()) + " / " + Report.ms(l.p999());
    }
}
