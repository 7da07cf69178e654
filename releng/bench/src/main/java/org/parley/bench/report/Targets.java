package org.parley.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.parley.bench.Bench;
import org.parley.bench.Plan;
import org.parley.bench.scenario.ClusterSessions;
import org.parley.bench.scenario.FanOutSuite;
import org.parley.bench.scenario.Reconnect;
import org.parley.bench.scenario.Room;
import org.parley.bench.scenario.Scale;

/**
 * Issues 6, 12 and 16's targets against what this run measured. Meaningful in full mode on a quiet 2-core machine; in
 * quick mode the sizes differ from the targets' and the table says so.
 */
public final class Targets {
    private static final int TARGET_ROOM = 1_000;
    /** 20,000 in the targets; see {@link Plan#FD_LIMITED_SESSIONS} for why this sandbox stops just short of it. */
    private static final int TARGET_SESSIONS = Plan.FD_LIMITED_SESSIONS;
    private static final int CLUSTER_SESSIONS = 100_000;
    /** Issue 16 compares CPU per delivery at these offered rates. */
    private static final double[] CPU_RATES = {25_000, 100_000};

    private Targets() {
    }

    public static void add(Report report, String mode, Bench.Outcome outcome) {
        List<List<String>> rows = new ArrayList<>();
        FanOutSuite.Size room = outcome.fanOut().stream().filter(s -> s.clients() == TARGET_ROOM).findFirst().orElse(null);
        if (room != null && room.parley() != null) {
            double peak = room.parley().peak();
            rows.add(row("≥ 150,000 deliveries/s in a 1,000-client room", Report.count(peak) + " deliveries/s", peak >= 150_000));
            if (room.inspircd() != null) {
                rows.add(row("≥ 1.0× InspIRCd, same run (1,000-client room)", String.format("%.2f×", room.ratio()), room.ratio() >= 1.0));
            }
        }
        for (FanOutSuite.Size size : outcome.fanOut()) {
            if (size.parley() == null || size.inspircd() == null) {
                continue;
            }
            if (size.clients() != TARGET_ROOM && size.ratio() > 0) {
                rows.add(row("≥ 1.0× InspIRCd's peak, same run (" + Report.count(size.clients()) + "-client room; issue 16)",
                        String.format("%.2f×", size.ratio()), size.ratio() >= 1.0));
            }
            fixedRates(rows, size);
        }
        Scale.Result scale = outcome.scale();
        if (scale != null && !scale.largest().points().isEmpty()) {
            Scale.Series series = scale.largest();
            Scale.Point last = series.points().get(series.points().size() - 1);
            boolean all = last.sessions() >= TARGET_SESSIONS;
            rows.add(row("20,000 sessions at ≤ 50 KiB heap per session", Report.count(last.sessions()) + " sessions ("
                    + series.sessionsPerUser() + " per account), " + String.format("%.1f", last.heapKiBPerSession())
                    + " KiB heap/session", all && last.heapKiBPerSession() <= 50));
        }
        if (scale != null) {
            scale.series().stream().filter(s -> s.sessionsPerUser() == 1).findFirst().ifPresent(s -> rows.add(row(
                    "one account per session on one node reaches " + Report.count(TARGET_SESSIONS) + " sessions (issue 12)",
                    Report.count(s.reached()) + " sessions" + (s.stopped() == null ? "" : "; " + s.stopped()),
                    s.reached() >= TARGET_SESSIONS)));
        }
        ClusterSessions.Result cluster = outcome.clusterSessions();
        if (cluster != null) {
            rows.add(row("100,000 logged-in TLS sessions of distinct accounts across the nodes of a cluster, presence correct (issue 12)",
                    Report.count(cluster.loggedIn()) + " of " + Report.count(cluster.sessions()) + " on " + cluster.nodes().size()
                            + " nodes in " + String.format("%.0f", cluster.loginSeconds()) + " s; presence "
                            + (cluster.presenceCorrect() ? "correct" : "wrong"),
                    cluster.loggedIn() >= CLUSTER_SESSIONS && cluster.loggedIn() == cluster.sessions() && cluster.presenceCorrect()));
        }
        Reconnect.Result reconnect = outcome.reconnect();
        if (reconnect != null) {
            boolean all = reconnect.clients() >= TARGET_SESSIONS && reconnect.back() == reconnect.clients();
            rows.add(row("20,000 clients back within 30 s of a restart", Report.count(reconnect.back()) + " of "
                    + Report.count(reconnect.clients()) + " (" + reconnect.sessionsPerUser() + " per account) back after " + String.format("%.1f", reconnect.allBackSeconds()) + " s",
                    all && reconnect.allBackSeconds() <= 30));
        }
        report.put("targets", rows.stream().map(r -> Map.of("target", r.get(0), "measured", r.get(1), "met", r.get(2))).toList());
        report.section("Targets (issues 6, 12 and 16)", Report.table(List.of("target", "measured", "met"), rows)
                + "\n20,000 sessions are measured as " + Report.count(TARGET_SESSIONS) + ": the sandbox's hard limit is 20,000 open "
                + "files per process, and the server and the generator each need a few descriptors beyond their sockets.\n"
                + ("full".equals(mode) ? "" : "\nQuick mode uses smaller counts than the targets name: a missed target here means nothing.\n"));
    }

    /** Issue 16: at each fixed rate, Parley's p99 at most InspIRCd's; at 25k and 100k/s, its CPU per delivery too. */
    private static void fixedRates(List<List<String>> rows, FanOutSuite.Size size) {
        List<String> latency = new ArrayList<>();
        boolean latencyMet = !size.parley().fixed().isEmpty();
        for (Room.Step p : size.parley().fixed()) {
            Room.Step i = size.inspircd().at(p.offered());
            if (i == null) {
                continue;
            }
            boolean met = p.complete() && p.latency().p99() <= i.latency().p99();
            latencyMet &= met;
            latency.add(Report.count(p.offered()) + "/s: " + Report.ms(p.latency().p99()) + " vs " + Report.ms(i.latency().p99())
                    + (met ? "" : " ✗"));
        }
        if (!latency.isEmpty()) {
            rows.add(row("p99 ≤ InspIRCd's at the fixed rates (" + Report.count(size.clients()) + " clients; issue 16), ms",
                    String.join("; ", latency), latencyMet));
        }
        if (size.clients() != TARGET_ROOM) {
            return;
        }
        for (double rate : CPU_RATES) {
            Room.Step p = size.parley().at(rate);
            Room.Step i = size.inspircd().at(rate);
            if (p != null && i != null) {
                rows.add(row("server CPU per delivery ≤ InspIRCd's at " + Report.count(rate) + "/s (1,000 clients; issue 16)",
                        String.format("%.2f vs %.2f µs", p.serverMicrosPerDelivery(), i.serverMicrosPerDelivery()),
                        p.serverMicrosPerDelivery() <= i.serverMicrosPerDelivery()));
            }
        }
    }

    private static List<String> row(String target, String measured, boolean met) {
        return List.of(target, measured, met ? "yes" : "**no**");
    }
}
