package org.parley.bench.report;

import java.util.ArrayList;
import java.util.List;

import org.parley.bench.scenario.FanOutSuite;
import org.parley.bench.scenario.Latency;
import org.parley.bench.scenario.Room;

/**
 * The IRC fan-out run: the same IRC bots in one channel of InspIRCd and of Parley's IRC gateway, next to the native
 * Parley numbers of the fan-out section.
 */
public final class IrcFanOutReport {
    private IrcFanOutReport() {
    }

    public static void add(Report report, List<FanOutSuite.Size> sizes) {
        report.put("fanoutIrc", sizes);
        List<List<String>> rows = new ArrayList<>();
        for (FanOutSuite.Size size : sizes) {
            rows.add(List.of(Report.count(size.clients()), peak(size.parley()), peak(size.inspircd()),
                    size.ratio() > 0 ? String.format("%.2f×", size.ratio()) : "–", latency(size.parley()),
                    latency(size.inspircd())));
        }
        report.section("Fan-out over IRC: the same IRC bots against Parley's IRC gateway and InspIRCd", Report.table(
                List.of("clients in channel", "Parley IRC gateway deliveries/s, median (min–max)", "InspIRCd deliveries/s, median (min–max)",
                        "gateway / InspIRCd, medians", "gateway latency at median peak p50 / p99 / p99.9 ms",
                        "InspIRCd latency at median peak p50 / p99 / p99.9 ms"), rows)
                + "\nOne generator, one bot class (`irc.IrcBot`: NICK/USER, with PASS for Parley, JOIN, PRIVMSG), the same "
                + "peak searches as the fan-out section (interleaved, median of the rounds). Parley's gateway stores every message before it delivers it and "
                + "renders it from the same fan-out as native sessions (docs/irc.md); its bots log in with PASS to accounts "
                + "registered over the Parley protocol first.\n");
    }

    private static String peak(FanOutSuite.Run run) {
        if (run == null) {
            return "–";
        }
        if (run.failure() != null) {
            return "not measured: " + run.failure();
        }
        if (run.searches().isEmpty()) {
            return "–";
        }
        List<Room.Step> steps = run.median().steps();
        String range = run.searches().size() > 1
                ? String.format(" (%s–%s)", Report.count(run.minPeak()), Report.count(run.maxPeak()))
                : "";
        return Report.count(run.peak()) + range + (steps.get(steps.size() - 1).keptUp() ? " (not saturated)" : "");
    }

    private static String latency(FanOutSuite.Run run) {
        if (run == null || run.atPeak() == null) {
            return "–";
        }
        Latency l = run.atPeak().latency();
        return Report.ms(l.p50()) + " / " + Report.ms(l.p99()) + " / " + Report.ms(l.p999());
    }
}
