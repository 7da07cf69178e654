package org.parley.bench.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.parley.bench.scenario.ClusterSessions;
import org.parley.bench.scenario.FanOutSuite;
import org.parley.bench.scenario.Room;

/** The cluster scenario's tables and charts: one room on one node against the same room over several (issue 12), and the sessions. */
public final class ClusterReport {
    private ClusterReport() {
    }

    /** @param runs the fan-out runs keyed by kind, the single node first */
    public static void fanOut(Report report, Map<String, FanOutSuite.Run> runs, String machineLine) throws IOException {
        report.put("clusterFanOut", runs);
        List<FanOutSuite.Run> list = List.copyOf(runs.values());
        int clients = list.get(0).clients();
        List<List<String>> peaks = new ArrayList<>();
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (FanOutSuite.Run run : list) {
            peaks.add(List.of(run.server(), String.format("%.1f", run.seatingSeconds()), FanOutReport.peak(run),
                    run.atPeak() == null ? "–" : FanOutReport.cpu(run.atPeak())));
            bars.put(run.server(), Map.of(Report.count(clients) + " clients", run.peak()));
        }
        List<List<String>> fixed = new ArrayList<>();
        for (Room.Step first : list.get(0).fixed()) {
            List<String> row = new ArrayList<>(List.of(Report.count(first.offered())));
            for (FanOutSuite.Run run : list) {
                Room.Step step = run.at(first.offered());
                row.add(FanOutReport.latency(step) + "; " + FanOutReport.cpu(step) + "; " + FanOutReport.cpuShare(step)
                        + (step == null ? "" : "; load " + step.loadAverage().split(" ")[0]));
            }
            fixed.add(row);
        }
        List<String> fixedHeaders = new ArrayList<>(List.of("offered deliveries/s"));
        list.forEach(run -> fixedHeaders.add(run.server() + ": delivered/s, p50 / p99 / p99.9 ms; CPU µs/delivery server / generator;"
                + " CPU % of a core server / generator"));
        report.section("Cluster: one room on one node and over several (Parley)", "The same "
                + Report.count(clients) + "-client room on one node (SQLite, the default) and spread over the nodes of a cluster "
                + "(PostgreSQL with fsync on, Redis; bot i on node i mod N, so senders and members are on every node), both "
                + "seated side by side and measured alternately in the same run. A cluster's server CPU is that of its nodes, "
                + "PostgreSQL (every backend) and Redis together.\n\n"
                + Report.table(List.of("server", "seated in s", "peak deliveries/s: median (min–max, spread)",
                        "CPU µs/delivery at the median peak, server / generator"), peaks)
                + (fixed.isEmpty() ? "" : "\n" + Report.table(fixedHeaders, fixed))
                + "\n![cluster fan-out](cluster-fanout.png)\n");
        Charts.bars(report.dir().resolve("cluster-fanout.png"), "Peak fan-out, one node against a cluster (median of the searches)",
                machineLine, "room", "deliveries/s", bars);
    }

    public static void sessions(Report report, ClusterSessions.Result r, String machineLine) throws IOException {
        report.put("clusterSessions", r);
        List<List<String>> nodes = new ArrayList<>();
        List<Charts.Line> lines = new ArrayList<>();
        List<double[]> heap = new ArrayList<>();
        List<double[]> rss = new ArrayList<>();
        for (int i = 0; i < r.nodes().size(); i++) {
            ClusterSessions.Node n = r.nodes().get(i);
            ClusterSessions.Generator g = r.generators().get(i);
            nodes.add(List.of(n.name(), Report.count(n.sessions()) + " of " + Report.count(g.asked()), String.format("%.1f", g.seconds()),
                    Report.count(n.heapKiB() / 1024.0), String.format("%.1f", n.heapKiBPerSession()), Report.count(n.rssKiB() / 1024.0),
                    String.format("%.1f", n.rssKiBPerSession()), Report.count(g.rssKiB() / 1024.0), g.failure() == null ? "–" : g.failure()));
            heap.add(new double[] {i + 1, n.heapKiBPerSession()});
            rss.add(new double[] {i + 1, n.rssKiBPerSession()});
        }
        lines.add(new Charts.Line("Parley heap per session", heap));
        lines.add(new Charts.Line("Parley RSS per session", rss));
        report.section("Cluster: " + Report.count(r.sessions()) + " logged-in TLS sessions of distinct accounts on "
                + r.nodes().size() + " nodes (Parley)", "Each node has a generator process of its own logging its share in "
                + "(register, then log in; 48 at a time per generator), all at once; PostgreSQL with fsync on. Memory per session = "
                + "growth over the idle node / its sessions (heap: live after a full GC). Then an observer on node 1 pages through "
                + "`users` until every account is listed online; then the last node's generator closes its sessions and the observer "
                + "waits until exactly those accounts are gone (presence news between nodes).\n\n"
                + Report.table(List.of("logged in", "in s", "logins/s", "all listed online after s", "closed", "gone after s",
                        "presence correct"), List.of(List.of(Report.count(r.loggedIn()) + " of " + Report.count(r.sessions()),
                                String.format("%.1f", r.loginSeconds()), Report.count(r.loginsPerSecond()),
                                String.format("%.1f", r.onlineSeconds()), Report.count(r.closed()),
                                String.format("%.1f", r.offlineSeconds()), r.presenceCorrect() ? "yes" : "**no**")))
                + "\n" + Report.table(List.of("node", "sessions", "its generator took s", "heap MiB", "heap KiB/session", "RSS MiB",
                        "RSS KiB/session", "generator RSS MiB", "first failure"), nodes)
                + "\n![memory per session on each node](cluster-memory.png)\n");
        Charts.lines(report.dir().resolve("cluster-memory.png"), "Memory per logged-in session on each node of the cluster",
                machineLine, "node", "KiB per session", false, lines);
    }
}
