package org.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.parley.bench.irc.GatewayTarget;
import org.parley.bench.irc.IrcTarget;
import org.parley.bench.net.PinnedKeyVerification;
import org.parley.bench.parley.ClusterTarget;
import org.parley.bench.parley.ParleyTarget;
import org.parley.bench.report.ClusterReport;
import org.parley.bench.report.FanOutReport;
import org.parley.bench.report.Machine;
import org.parley.bench.report.Report;
import org.parley.bench.report.ScenarioReport;
import org.parley.bench.report.IrcFanOutReport;
import org.parley.bench.report.Targets;
import org.parley.bench.scenario.ClusterSessions;
import org.parley.bench.scenario.FanOutSuite;
import org.parley.bench.scenario.LoginStorm;
import org.parley.bench.scenario.Reconnect;
import org.parley.bench.scenario.Scale;
import org.parley.bench.scenario.ScenarioContext;
import org.parley.server.tls.BouncyCastleCurves;

/**
 * {@code java -jar parley-bench.jar MODE [SCENARIO...] --server-jar JAR --out DIR [--work DIR]}: runs the
 * scenarios (fanout, fanout-irc, scale, reconnect, login, cluster; all by default) in quick or full mode and writes results.md,
 * results.json, the PNG charts and machine.txt to DIR. {@link BenchCommand} reads the command line.
 */
public final class Bench {
    public static final List<String> SCENARIOS = List.of("fanout", "fanout-irc", "scale", "reconnect", "login", "cluster");

    /** Where the servers, the results and the scratch files are ({@code work} null: none chosen yet). */
    public record Setup(Plan plan, Set<String> scenarios, Path serverJar, Path out, Path work, boolean inspircd) {
        Setup withoutInspircd() {
            return new Setup(plan, scenarios, serverJar, out, work, false);
        }

        Setup withWork(Path scratch) {
            return new Setup(plan, scenarios, serverJar, out, scratch, inspircd);
        }

        /** Generator I/O threads: as many as cores, like the servers get. */
        int ioThreads() {
            return Math.max(2, Runtime.getRuntime().availableProcessors());
        }

        /** 127.0.0.x source addresses (enough ports for 20,000 connections and their TIME_WAITs). */
        int sourceAddresses() {
            return 8;
        }

        ScenarioContext context(Plan sizes) {
            return new ScenarioContext(sizes, serverJar, work, ioThreads(), sourceAddresses());
        }
    }

    /** Everything measured, for the quick mode's assertions. */
    public record Outcome(List<FanOutSuite.Size> fanOut, Scale.Result scale, Reconnect.Result reconnect, LoginStorm.Result login,
            Map<String, FanOutSuite.Run> clusterFanOut, ClusterSessions.Result clusterSessions) {
    }

    public static void main(String[] args) {
        // The command's exit code; exiting also ends any thread a scenario left behind.
        System.exit(BenchCommand.commandLine().execute(args));
    }

    /** What every generator process sets up before its first handshake (this one and the cluster's session holders). */
    public static void installGeneratorCrypto() {
        // Java 17's TLS 1.3 client offers key shares for x25519 and secp256r1 in every ClientHello, and the P-256 key
        // generation alone was 44% of the generator's CPU in the reconnect storm (JFR): twenty thousand clients on
        // the server's two cores would measure the generator. Both servers pick x25519 anyway.
        if (System.getProperty("jdk.tls.namedGroups") == null) {
            System.setProperty("jdk.tls.namedGroups", "x25519");
        }
        // The same handshake arithmetic as the server's: Java 17's ECDSA P-256 verification (1 ms) was 64% of the
        // generator's CPU in the reconnect storm, where it stands in for clients on other machines.
        BouncyCastleCurves.install();
        PinnedKeyVerification.install();
    }

    public static Outcome run(Setup setup) throws Exception {
        Plan plan = setup.plan();
        Files.createDirectories(setup.work());
        Report report = new Report(setup.out(), "Parley benchmark results (" + plan.mode() + " mode)");
        String loadBefore = Machine.loadAverage();
        Files.writeString(setup.out().resolve("machine.txt"), Machine.describe("start"));
        String machineLine = Runtime.getRuntime().availableProcessors() + " cores, load " + loadBefore + " at start, "
                + plan.mode() + " mode";
        report.put("mode", plan.mode());
        report.put("plan", plan);
        report.put("loadAverageAtStart", loadBefore);
        report.section("Machine", "Load average at start: " + loadBefore + " (" + Runtime.getRuntime().availableProcessors()
                + " cores). The generator, the servers and any other work on the machine share these cores; "
                + "see machine.txt for lscpu, memory, Java and InspIRCd versions.");
        if (!setup.inspircd()) {
            report.section("InspIRCd", "InspIRCd is not installed (`apt-get install inspircd`): only Parley was measured.");
        }
        report.write();
        List<FanOutSuite.Size> fanOut = List.of();
        if (setup.scenarios().contains("fanout")) {
            List<String> kinds = new ArrayList<>(List.of("parley"));
            if (setup.inspircd()) {
                kinds.add("inspircd");
            }
            int[] runs = {0};
            fanOut = new FanOutSuite(plan, (kind, size) -> {
                Path dir = setup.work().resolve(kind + "-" + size + "-" + (++runs[0]));
                Files.createDirectories(dir);
                return kind.equals("parley")
                        ? ParleyTarget.start(setup.serverJar(), dir, dir, setup.ioThreads(),
                                setup.sourceAddresses(), false)
                        : IrcTarget.start(dir, dir, setup.ioThreads(), setup.sourceAddresses());
            }, kinds).run();
            FanOutReport.add(report, fanOut, machineLine);
            report.write();
        }
        if (setup.scenarios().contains("fanout-irc") && setup.inspircd()) {
            // The same IRC bots against Parley's IRC gateway and InspIRCd (issue 14).
            int[] runs = {0};
            List<FanOutSuite.Size> irc = new FanOutSuite(plan, (kind, size) -> {
                Path dir = setup.work().resolve(kind + "-" + size + "-" + (++runs[0]));
                Files.createDirectories(dir);
                return kind.equals("parley-irc") ? GatewayTarget.start(setup.serverJar(), dir, setup.ioThreads(),
                        setup.sourceAddresses()) : IrcTarget.start(dir, dir, setup.ioThreads(), setup.sourceAddresses());
            }, List.of("parley-irc", "inspircd")).run();
            IrcFanOutReport.add(report, irc);
            report.write();
        }
        Scale.Result scale = null;
        if (setup.scenarios().contains("scale")) {
            scale = new Scale(setup.context(plan)).run();
            ScenarioReport.scale(report, scale, machineLine);
            report.write();
        }
        Reconnect.Result reconnect = null;
        if (setup.scenarios().contains("reconnect")) {
            reconnect = new Reconnect(setup.context(plan)).run();
            ScenarioReport.reconnect(report, reconnect);
            report.write();
        }
        LoginStorm.Result login = null;
        if (setup.scenarios().contains("login")) {
            login = new LoginStorm(setup.context(plan)).run();
            ScenarioReport.login(report, login);
            report.write();
        }
        Map<String, FanOutSuite.Run> clusterFanOut = null;
        ClusterSessions.Result clusterSessions = null;
        if (setup.scenarios().contains("cluster")) {
            int room = plan.cluster().room();
            int[] runs = {0};
            clusterFanOut = new FanOutSuite(plan.withFanOutSizes(List.of(room)), (kind, size) -> {
                Path dir = Files.createDirectories(setup.work().resolve(kind + "-" + size + "-" + (++runs[0])));
                return kind.equals("parley")
                        ? ParleyTarget.start(setup.serverJar(), dir, dir, setup.ioThreads(), setup.sourceAddresses(), false)
                        : ClusterTarget.start(setup.serverJar(), dir, plan.cluster().roomNodes(), setup.ioThreads(), setup.sourceAddresses());
            }, List.of("parley", "cluster")).measure(room);
            ClusterReport.fanOut(report, clusterFanOut, machineLine);
            report.write();
            clusterSessions = new ClusterSessions(setup.context(plan)).run();
            ClusterReport.sessions(report, clusterSessions, machineLine);
            report.write();
        }
        Outcome outcome = new Outcome(fanOut, scale, reconnect, login, clusterFanOut, clusterSessions);
        Targets.add(report, plan.mode(), outcome);
        String loadAfter = Machine.loadAverage();
        report.put("loadAverageAtEnd", loadAfter);
        report.section("Load at the end", "Load average at the end of the run: " + loadAfter + ".");
        report.write();
        Files.writeString(setup.out().resolve("machine.txt"), "\n" + Machine.describe("end"),
                java.nio.file.StandardOpenOption.APPEND);
        return outcome;
    }
}
