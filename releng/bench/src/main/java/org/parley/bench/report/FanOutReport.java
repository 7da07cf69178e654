package org.parley.bench.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.parley.bench.parley.ParleyTarget;
import org.parley.bench.scenario.FanOutSuite;
import org.parley.bench.scenario.Latency;
import org.parley.bench.scenario.Room;

/** Tables and charts of the fan-out comparison and the latency curve. */
public final class FanOutReport {
    private FanOutReport() {
    }

    public static void add(Report report, List<FanOutSuite.Size> sizes, String machineLine) throws IOException {
        report.put("fanout", sizes);
        List<List<String>> rows = new ArrayList<>();
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (FanOutSuite.Size size : sizes) {
            rows.add(List.of(Report.count(size.clients()), peak(size.parley()), peak(size.inspircd()),
                    size.ratio() > 0 ? String.format("%.2f×", size.ratio()) : "–", atPeak(size.parley()), atPeak(size.inspircd()),
                    cpuAtPeak(size.parley()), cpuAtPeak(size.inspircd())));
            for (FanOutSuite.Run run : new FanOutSuite.Run[] {size.parley(), size.inspircd()}) {
                if (run != null) {
                    bars.computeIfAbsent(run.server(), k -> new LinkedHashMap<>()).put(Report.count(size.clients()) + " clients", run.peak());
                }
            }
        }
        report.section("Fan-out: peak deliveries per second, one room, TLS", Report.table(
                List.of("clients in room", "Parley deliveries/s", "InspIRCd deliveries/s", "Parley / InspIRCd",
                        "Parley latency at peak p50 / p99 / p99.9 ms", "InspIRCd latency at peak p50 / p99 / p99.9 ms",
                        "Parley CPU µs per delivery at peak, server / generator", "InspIRCd CPU µs per delivery at peak, server / generator"), rows)
                + "\nPeak = highest delivery rate in a search that raises the offered rate step by step until a step no longer keeps up: "
                + "not every message delivered within the drain time, or fewer than 85% of the offered deliveries per second). "
                + "Every step of every search is in results.json. Parley rooms larger than " + Report.count(ParleyTarget.MAX_ACCOUNTS)
                + " clients share that many accounts among their connections (a distinct account's login announces presence to "
                + "every session: O(N²) to seat, see the scale section); InspIRCd's clients all have their own nick. "
                + "CPU per delivery = CPU seconds of the server process (and of the generator) during the peak step, over the "
                + "deliveries of that step: the two share the machine's cores, so a server's own cost shows here whatever the "
                + "generator takes.\n");
        Charts.bars(report.dir().resolve("fanout-peak.png"), "Fan-out peak deliveries/s (one room, TLS)", machineLine,
                "room size", "deliveries per second", bars);
        addCurve(report, sizes, machineLine);
    }

    private static void addCurve(Report report, List<FanOutSuite.Size> sizes, String machineLine) throws IOException {
        List<Charts.Line> lines = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (FanOutSuite.Size size : sizes) {
            for (FanOutSuite.Run run : new FanOutSuite.Run[] {size.parley(), size.inspircd()}) {
                if (run == null || run.curve().isEmpty()) {
                    continue;
                }
                List<double[]> p50 = new ArrayList<>();
                List<double[]> p99 = new ArrayList<>();
                List<double[]> p999 = new ArrayList<>();
                List<List<String>> rows = new ArrayList<>();
                for (Room.Step step : run.curve()) {
                    double x = step.offered() / 1000;
                    Latency l = step.latency();
                    p50.add(new double[] {x, l.p50()});
                    p99.add(new double[] {x, l.p99()});
                    p999.add(new double[] {x, l.p999()});
                    rows.add(List.of(String.format("%.0f%%", 100 * step.offered() / run.peak()), Report.count(step.offered()),
                            Report.count(step.deliveriesPerSecond()), Report.ms(l.p50()), Report.ms(l.p99()), Report.ms(l.p999()),
                            Report.ms(l.max()), step.complete() ? "yes" : "NO", cpu(step)));
                }
                lines.add(new Charts.Line(run.server() + " p50", p50));
                lines.add(new Charts.Line(run.server() + " p99", p99));
                lines.add(new Charts.Line(run.server() + " p99.9", p999));
                text.append("\n**").append(run.server()).append("**, ").append(Report.count(run.clients()))
                        .append(" clients, peak ").append(Report.count(run.peak())).append(" deliveries/s\n\n")
                        .append(Report.table(List.of("load (of peak)", "offered deliveries/s", "delivered/s", "p50 ms", "p99 ms",
                                "p99.9 ms", "max ms", "all delivered", "CPU µs per delivery, server / generator"), rows));
            }
        }
        if (!lines.isEmpty()) {
            report.section("Latency under load (10% to 100% of each server's own peak)", text
                    + "\n![latency curve](latency-curve.png)\n");
            Charts.lines(report.dir().resolve("latency-curve.png"), "End-to-end latency under load (one room, TLS)", machineLine,
                    "offered load, thousand deliveries/s", "latency, ms (log scale)", true, lines);
        }
    }

    private static String peak(FanOutSuite.Run run) {
        if (run != null && run.failure() != null) {
            return "not measured: " + run.failure();
        }
        return run == null ? "–" : Report.count(run.peak()) + (run.search().get(run.search().size() - 1).keptUp() ? " (not saturated)" : "");
    }

    private static String cpuAtPeak(FanOutSuite.Run run) {
        return run == null || run.atPeak() == null ? "–" : cpu(run.atPeak());
    }

    private static String cpu(Room.Step step) {
        return String.format("%.2f / %.2f", step.serverMicrosPerDelivery(), step.generatorMicrosPerDelivery());
    }

    private static String atPeak(FanOutSuite.Run run) {
        if (run == null || run.atPeak() == null) {
            return "–";
        }
        Latency l = run.atPeak().latency();
        return Report.ms(l.p50()) + " / " + Report.ms(l.p99()) + " / " + Report.ms(l.p999());
    }
}
