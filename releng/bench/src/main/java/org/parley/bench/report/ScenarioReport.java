package org.parley.bench.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.parley.bench.scenario.Latency;
import org.parley.bench.scenario.LoginStorm;
import org.parley.bench.scenario.Reconnect;
import org.parley.bench.scenario.Room;
import org.parley.bench.scenario.Scale;

/** Tables (and the memory chart) of the Parley-only scenarios: scale, reconnect storm, login storm. */
public final class ScenarioReport {
    private ScenarioReport() {
    }

    public static void scale(Report report, Scale.Result scale, String machineLine) throws IOException {
        report.put("scale", scale);
        StringBuilder text = new StringBuilder();
        List<Charts.Line> lines = new ArrayList<>();
        for (Scale.Series series : scale.series()) {
            List<List<String>> rows = new ArrayList<>();
            List<double[]> heap = new ArrayList<>();
            List<double[]> rss = new ArrayList<>();
            for (Scale.Point p : series.points()) {
                rows.add(List.of(Report.count(p.sessions()), String.format("%.1f", p.stageSeconds()),
                        Report.count(p.heapKiB() / 1024.0), String.format("%.1f", p.heapKiBPerSession()),
                        Report.count(p.rssKiB() / 1024.0), String.format("%.1f", p.rssKiBPerSession())));
                heap.add(new double[] {p.sessions(), p.heapKiBPerSession()});
                rss.add(new double[] {p.sessions(), p.rssKiBPerSession()});
            }
            String who = series.sessionsPerUser() == 1 ? "one account per session" : series.sessionsPerUser() + " sessions per account";
            lines.add(new Charts.Line("Parley heap, " + who, heap));
            lines.add(new Charts.Line("Parley RSS, " + who, rss));
            text.append("\n**").append(who).append("** (idle server: heap ").append(Report.count(series.idleHeapKiB() / 1024.0))
                    .append(" MiB live after GC, RSS ").append(Report.count(series.idleRssKiB() / 1024.0)).append(" MiB)\n\n")
                    .append(Report.table(List.of("sessions", "stage took s", "heap used MiB", "heap KiB/session", "RSS MiB",
                            "RSS KiB/session"), rows))
                    .append(series.stopped() == null ? "" : "\nStopped early: " + series.stopped() + "\n");
        }
        report.section("Scale: concurrent logged-in TLS sessions (Parley)", "Per session = growth over the idle server / sessions. "
                + "Since protocol 3 a login is announced only to the sessions watching that account (none here), so one account "
                + "per session costs O(N) to log N sessions in (before, O(N²): that series stopped at about 17,800); the series of "
                + "sessions sharing accounts is kept to compare with earlier runs.\n" + text
                + "\n![memory per session](scale-memory.png)\n");
        Charts.lines(report.dir().resolve("scale-memory.png"), "Parley server memory per logged-in TLS session", machineLine,
                "sessions", "KiB per session (log scale)", true, lines);
    }

    public static void reconnect(Report report, Reconnect.Result r) {
        report.put("reconnect", r);
        report.section("Reconnect storm (Parley)", Report.table(List.of("clients (sessions per account)", "logged in after s", "server stop s",
                "restart until listening s", "all back (resumed) s after listening", "all caught up s after listening", "back",
                "caught up"), List.of(List.of(Report.count(r.clients()) + " (" + r.sessionsPerUser() + ")", String.format("%.1f", r.loginSeconds()),
                        String.format("%.1f", r.stopSeconds()), String.format("%.1f", r.restartSeconds()),
                        String.format("%.1f", r.allBackSeconds()), String.format("%.1f", r.allCaughtUpSeconds()),
                        Report.count(r.back()), Report.count(r.caughtUp()))))
                + "\n" + Report.table(List.of("connection attempts", "password logins (token spent)", "back within 10 / 20 / 30 s", "server CPU s", "generator CPU s"),
                        List.of(List.of(Report.count(r.storm().attempts()), Report.count(r.storm().passwordLogins()), Report.count(r.storm().backAfter10s()) + " / "
                                + Report.count(r.storm().backAfter20s()) + " / " + Report.count(r.storm().backAfter30s()),
                                String.format("%.1f", r.storm().serverCpuSeconds()), String.format("%.1f", r.storm().generatorCpuSeconds()))))
                + "\nCPU seconds are counted from the moment the restarted server listens until every client has caught up (2 cores "
                + "give at most twice the wall time)."
                + "\nClients reconnect as the client core does (connect timeout 10 s, retry after 1 s doubling to 30 s, with jitter), "
                + "resume with their token (a token spent by a resume whose reply was lost means a password login), then fetch "
                + "history after the last message they saw; the first one back sends a few messages that all must be seen (pushed or in history)."
                + (r.stopped() == null ? "" : "\n\nStopped early: " + r.stopped()) + "\n");
    }

    public static void login(Report report, LoginStorm.Result r) {
        report.put("login", r);
        report.section("Login storm with production Argon2id hashing (Parley)", Report.table(List.of("accounts logging in at once",
                "until the last login s", "logins/s", "RATE_LIMITED replies (retried)", "failed", "chat clients", "chat p50 / p99 / p99.9 ms before",
                "chat p50 / p99 / p99.9 ms during", "chat all delivered during"), List.of(List.of(Report.count(r.users()),
                        String.format("%.1f", r.stormSeconds()), String.format("%.1f", r.loginsPerSecond()),
                        Report.count(r.rateLimitedReplies()), Report.count(r.failed()), Report.count(r.chatClients()), latency(r.chatBefore()),
                        latency(r.chatDuring()), r.chatDuring().complete() ? "yes" : "NO")))
                + "\nRegistering the accounts beforehand took " + String.format("%.1f", r.registerSeconds()) + " s."
                + (r.firstFailure() == null ? "" : " First failure: " + r.firstFailure() + ".") + "\n");
    }

    private static String latency(Room.Step step) {
        Latency l = step.latency();
        return Report.ms(l.p50()) + " / " + Report.ms(l.p99()) + " / " + Report.ms(l.p999());
    }
}
