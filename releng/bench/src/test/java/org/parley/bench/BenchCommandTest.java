package org.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import picocli.CommandLine.ParameterException;

/**
 * The generator's command line: a bad option or value is one line naming it and exit code 2, never a trace; good
 * ones land on the plan, and the named modes' defaults are left as they are.
 */
class BenchCommandTest {
    @TempDir
    static Path dir;
    static Path serverJar;

    @BeforeAll
    static void serverJar() throws IOException {
        // Parsing only checks that the jar is a file; nothing here starts it.
        serverJar = Files.createFile(dir.resolve("parley-server.jar"));
    }

    /** {@code args} with the required options after them, unless {@code args} is about those. */
    private static String[] withRequired(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--server-jar")) {
            all.addAll(List.of("--server-jar", serverJar.toString()));
        }
        if (!all.contains("--out")) {
            all.addAll(List.of("--out", dir.resolve("out").toString()));
        }
        return all.toArray(String[]::new);
    }

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of(List.of("quick", "--cluster-sessions", "abc"), "'--cluster-sessions'", "not a whole number: abc"),
                Arguments.of(List.of("quick", "--rates", "25k"), "'--rates'", "not a number: 25k"),
                Arguments.of(List.of("quick", "--rates", "1000,NaN"), "'--rates'", "above 0, not NaN"),
                Arguments.of(List.of("quick", "--rates", "0"), "'--rates'", "above 0, not 0.0"),
                Arguments.of(List.of("quick", "--sizes", "50,x"), "'--sizes'", "not a whole number: x"),
                Arguments.of(List.of("quick", "--sizes", "1"), "'--sizes'", "at least 2 clients"),
                Arguments.of(List.of("quick", "--rounds", "-1"), "'--rounds'", "0 or more peak searches, not -1"),
                Arguments.of(List.of("quick", "--step-seconds", "0"), "'--step-seconds'", "at least 1 s, not 0 s"),
                Arguments.of(List.of("quick", "--reconnect-clients", "0"), "'--reconnect-clients'", "not 0"),
                Arguments.of(List.of("quick", "--reconnect-clients", "20000"), "'--reconnect-clients'", "1 to 19900 clients"),
                Arguments.of(List.of("quick", "--session-nodes", "0"), "'--session-nodes'", "at least 1 node, not 0"),
                Arguments.of(List.of("quick", "--cluster-sessions", "0"), "'--cluster-sessions'", "at least 1 session, not 0"),
                // full mode: 100,000 sessions on 6 nodes; 200,000 would be 33,334 per generator process.
                Arguments.of(List.of("full", "--cluster-sessions", "200000"), "'--cluster-sessions'", "33334 per node"),
                Arguments.of(List.of("quick", "--cluster-sessions", "40000", "--session-nodes", "2"),
                        "'--cluster-sessions/--session-nodes'", "20000 per node"),
                Arguments.of(List.of("quick", "--no-such-option"), "--no-such-option", "Unknown option"),
                Arguments.of(List.of("quick", "fanuot"), "scenario", "unknown scenario fanuot; one of fanout,"),
                Arguments.of(List.of("fast"), "mode", "mode is quick or full, not fast"),
                Arguments.of(List.of(), "'MODE'", "Missing required parameter"),
                Arguments.of(List.of("quick", "--server-jar", "/no/such/parley-server.jar"), "'--server-jar'",
                        "no such file: /no/such/parley-server.jar"));
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void aBadOptionIsAUsageErrorNamingIt(List<String> args, String names, String says) {
        ParameterException e = assertThrows(ParameterException.class, () -> BenchCommand.parse(withRequired(args.toArray(String[]::new))));

        assertTrue(e.getMessage().contains(names) && e.getMessage().contains(says), args + ": " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aMissingValueOrRequiredOptionIsAUsageError() {
        ParameterException last = assertThrows(ParameterException.class,
                () -> BenchCommand.parse("quick", "--server-jar", serverJar.toString(), "--out"));
        assertTrue(last.getMessage().contains("'--out'"), last.getMessage());

        ParameterException missing = assertThrows(ParameterException.class, () -> BenchCommand.parse("quick", "--out", "/tmp/x"));
        assertTrue(missing.getMessage().contains("'--server-jar"), missing.getMessage());
    }

    @Test
    void optionsLandOnThePlanAndLeaveTheRestAsNamed() {
        Bench.Setup setup = BenchCommand.parse(withRequired("full", "fanout", "--sizes", "1000", "--rounds", "0", "--rates",
                "25000,50000", "--step-seconds", "20", "--parley-only", "--reconnect-clients", "3000", "--cluster-sessions",
                "30000", "--session-nodes", "2", "--work", dir.resolve("work").toString()));

        Plan plan = setup.plan();
        assertEquals(List.of(1000), plan.fanOutSizes());
        assertEquals(List.of(1000), plan.fixedRateSizes());
        assertEquals(0, plan.rounds());
        assertEquals(List.of(25_000.0, 50_000.0), plan.fixedRates());
        assertEquals(Duration.ofSeconds(20), plan.step());
        assertEquals(3000, plan.reconnectClients());
        assertEquals(new Plan.ClusterPlan(1_000, 3, 30_000, 2), plan.cluster());
        assertEquals(15_000, plan.cluster().sessionsPerNode());
        assertEquals(List.of("fanout"), List.copyOf(setup.scenarios()));
        assertFalse(setup.inspircd(), "--parley-only");
        assertEquals(serverJar, setup.serverJar());
        assertEquals(dir.resolve("work"), setup.work());

        Bench.Setup plain = BenchCommand.parse(withRequired("quick"));
        assertEquals(Plan.quick(), plain.plan());
        assertEquals(Bench.SCENARIOS, List.copyOf(plain.scenarios()));
        assertNull(plain.work(), "a temporary directory is made when the run starts, not while parsing");
    }

    /** What an operator sees: the real main in a JVM of its own. */
    @Test
    void mainPrintsOneLineAndExitsTwoOrPrintsHelpAndExitsZero() throws Exception {
        Run bad = runMain(withRequired("quick", "--cluster-sessions", "abc"));
        assertEquals(2, bad.exit(), bad.toString());
        assertEquals(List.of("parley-bench: Invalid value for option '--cluster-sessions': not a whole number: abc (see --help)"),
                bad.stderr(), bad.toString());

        Run missing = runMain("quick", "--out");
        assertEquals(2, missing.exit(), missing.toString());
        assertEquals(1, missing.stderr().size(), missing.toString());
        assertFalse(missing.stderr().get(0).contains("Exception"), missing.toString());

        Run help = runMain("--help");
        assertEquals(0, help.exit(), help.toString());
        assertTrue(help.stdout().get(0).startsWith("Usage: parley-bench ") && String.join("\n", help.stdout()).contains("--cluster-sessions"),
                help.toString());
        assertEquals(List.of(), help.stderr());
    }

    private record Run(int exit, List<String> stdout, List<String> stderr) {
    }

    private static Run runMain(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Bench.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("parley-bench " + List.of(args) + " did not exit within 60 s");
        }
        return new Run(process.exitValue(), lines(out), lines(err));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
