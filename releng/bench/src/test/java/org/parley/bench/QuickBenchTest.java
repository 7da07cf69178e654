package org.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.bench.irc.Inspircd;
import org.parley.bench.scenario.ClusterSessions;
import org.parley.bench.scenario.FanOutSuite;
import org.parley.bench.scenario.Room;
import org.parley.bench.scenario.Scale;
import org.parley.testing.launch.ServerLauncher;

/**
 * The benchmark's quick mode against a real Parley server process (and a real InspIRCd where installed; CI
 * installs it) and a real PostgreSQL and Redis for the cluster scenario: sanity, not speed. Every message reaches every
 * other member, latencies are positive, every scenario finishes, the result files are written.
 */
class QuickBenchTest {
    @TempDir
    Path work;

    @Test
    void quickModeRunsEveryScenarioAndWritesItsResults() throws Exception {
        Path jar = ServerLauncher.builtJar();
        assertTrue(Files.isRegularFile(jar), "the reactor builds the server jar before the benchmark: " + jar);
        Path out = Path.of(System.getProperty("bench.out", work.resolve("out").toString()));
        boolean irc = Inspircd.installed();

        Bench.Outcome outcome = Bench.run(new Bench.Setup(Plan.quick(), new LinkedHashSet<>(Bench.SCENARIOS), jar, out,
                work.resolve("scratch"), irc));

        assertEquals(1, outcome.fanOut().size());
        FanOutSuite.Size size = outcome.fanOut().get(0);
        checkRun(size.parley());
        if (irc) {
            checkRun(size.inspircd());
            assertTrue(size.ratio() > 0, "a Parley/InspIRCd ratio from the same run");
        }

        int sessions = Plan.quick().scaleSessions().get(Plan.quick().scaleSessions().size() - 1);
        for (Scale.Series series : outcome.scale().series()) {
            assertEquals(sessions, series.reached(), series.toString());
            assertNull(series.stopped());
            series.points().forEach(p -> assertTrue(p.heapKiB() > 0 && p.rssKiB() > 0, "memory read from the server process: " + p));
        }

        assertNull(outcome.reconnect().stopped(), outcome.reconnect().toString());
        assertEquals(outcome.reconnect().clients(), outcome.reconnect().back());
        assertEquals(outcome.reconnect().clients(), outcome.reconnect().caughtUp());
        assertTrue(outcome.reconnect().allBackSeconds() > 0);

        assertTrue(outcome.login().loginsPerSecond() > 0);
        assertEquals(0, outcome.login().failed(), outcome.login().firstFailure());
        checkStep(outcome.login().chatBefore());
        checkStep(outcome.login().chatDuring());

        // The cluster scenario: the same room on one node and over three (PostgreSQL, Redis), then sessions over two nodes
        // from two generator processes, with presence checked across them.
        assertEquals(List.of("parley", "cluster"), List.copyOf(outcome.clusterFanOut().keySet()));
        outcome.clusterFanOut().values().forEach(QuickBenchTest::checkRun);
        ClusterSessions.Result cluster = outcome.clusterSessions();
        assertEquals(Plan.quick().cluster().sessions(), cluster.loggedIn(), cluster.generators().toString());
        assertEquals(Plan.quick().cluster().sessionNodes(), cluster.nodes().size());
        assertTrue(cluster.presenceCorrect(), "every account listed online, then exactly the closed ones gone: " + cluster);
        cluster.nodes().forEach(n -> assertTrue(n.heapKiB() > 0 && n.rssKiB() > 0, "memory read from each node: " + n));

        for (String file : List.of("results.md", "results.json", "machine.txt", "fanout-peak.png", "latency-curve.png",
                "scale-memory.png", "cluster-fanout.png", "cluster-memory.png")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file + " written");
        }
        String markdown = Files.readString(out.resolve("results.md"));
        assertTrue(markdown.contains("Load average at start"), "the machine's state is recorded with the numbers");
        if (irc) {
            assertTrue(markdown.contains("Fan-out over IRC") && !markdown.contains("not measured"),
                    "the IRC run measured Parley's gateway and InspIRCd with the same bots");
        }
    }

    private static void checkRun(FanOutSuite.Run run) {
        assertNotNull(run);
        assertTrue(run.peak() > 0, run.server() + " has a peak");
        assertEquals(Plan.quick().rounds(), run.searches().size());
        List<Room.Step> steps = run.searches().get(0).steps();
        // The first step offers a rate far below either server's capacity: everything must arrive.
        checkStep(steps.get(0));
        run.fixed().forEach(QuickBenchTest::checkStep);
        assertEquals(Plan.quick().fixedRates().size(), run.fixed().size());
        // CPU time comes from /proc for the server and from the JVM for the generator; a reading that failed is 0.
        assertTrue(steps.stream().mapToDouble(Room.Step::serverCpuSeconds).sum() > 0, run.server() + " process CPU measured");
        assertTrue(steps.stream().mapToDouble(Room.Step::generatorCpuSeconds).sum() > 0, "generator CPU measured");
        assertTrue(steps.get(0).loadAverage().matches("[0-9.]+ [0-9.]+ [0-9.]+"), "load average beside every step");
    }

    private static void checkStep(Room.Step step) {
        assertTrue(step.sent() > 0, "something was sent: " + step);
        assertTrue(step.complete(), "every message reached every other member: " + step);
        assertEquals(step.sent() * (step.clients() - 1), step.delivered(), step.server());
        assertTrue(step.latency().p50() > 0 && step.latency().p999() >= step.latency().p50(), "positive latencies: " + step);
    }
}
