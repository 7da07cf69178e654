package org.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.parley.bench.irc.Inspircd;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The generator's command line: maps the options onto a {@link Plan} (whose modes, defaults and limits stay there) and
 * a {@link Bench.Setup}. A bad option or value is one line on stderr and {@link #USAGE} (an operator reads what is
 * wrong, not a trace); {@code --help} prints the usage and exits 0; a scenario that fails is a real error and keeps
 * its trace.
 */
@Command(name = "parley-bench", sortOptions = false,
        description = "Runs the Parley benchmark scenarios against real servers on 127.0.0.1 and writes results.md,"
                + " results.json, the PNG charts and machine.txt to --out.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a scenario failed (its stack trace on stderr)", "2:invalid command line (one line on stderr)"})
public final class BenchCommand implements Callable<Integer> {
    /** Exit code of a bad command line, as the server's (ExitCode.USAGE). */
    public static final int USAGE = 2;

    @Parameters(index = "0", paramLabel = "MODE", description = "quick (the CI sanity run) or full (the measurement).")
    String mode;

    @Parameters(index = "1..*", paramLabel = "SCENARIO", description = "Any of fanout, fanout-irc, scale, reconnect,"
            + " login, cluster (default: all).")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--server-jar", required = true, paramLabel = "JAR", description = "The runnable parley-server.jar.")
    Path serverJar;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the results are written.")
    Path out;

    @Option(names = "--work", paramLabel = "DIR", description = "Scratch directory of the servers (default: a new temporary one).")
    Path work;

    @Option(names = "--sizes", split = ",", paramLabel = "N", description = "Fan-out room sizes, also measured at the fixed rates.")
    List<Integer> sizes;

    @Option(names = "--rounds", paramLabel = "N", description = "Peak searches per server and room size (0: fixed rates only).")
    Integer rounds;

    @Option(names = "--rates", split = ",", paramLabel = "R", description = "Fixed offered rates, deliveries per second.")
    List<Double> rates;

    @Option(names = "--step-seconds", paramLabel = "S", description = "How long a step offers load.")
    Long stepSeconds;

    @Option(names = "--reconnect-clients", paramLabel = "N", description = "Clients in the reconnect storm.")
    Integer reconnectClients;

    @Option(names = "--cluster-sessions", paramLabel = "N", description = "Sessions held across the cluster's nodes.")
    Integer clusterSessions;

    @Option(names = "--session-nodes", paramLabel = "N", description = "Nodes holding them, one generator process each.")
    Integer sessionNodes;

    @Option(names = "--parley-only", description = "Measure Parley alone, even where InspIRCd is installed.")
    boolean parleyOnly;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit.")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The command line as {@link Bench#main} runs it. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new BenchCommand());
        // Picocli's own messages say "is not an int"; an operator reads "not a whole number".
        commandLine.registerConverter(Integer.class, v -> number(v, "a whole number", Integer::valueOf));
        commandLine.registerConverter(Long.class, v -> number(v, "a whole number", Long::valueOf));
        commandLine.registerConverter(Double.class, v -> number(v, "a number", Double::valueOf));
        commandLine.setParameterExceptionHandler(BenchCommand::badCommandLine);
        commandLine.getCommandSpec().exitCodeOnInvalidInput(USAGE);
        return commandLine;
    }

    /** The setup {@code args} ask for, or a {@link ParameterException} saying in one line what is wrong with them. */
    public static Bench.Setup parse(String... args) {
        CommandLine commandLine = commandLine();
        commandLine.parseArgs(args);
        return commandLine.<BenchCommand>getCommand().setup();
    }

    @Override
    public Integer call() throws Exception {
        Bench.Setup setup = setup();
        Bench.installGeneratorCrypto();
        Bench.run(setup.work() != null ? setup : setup.withWork(Files.createTempDirectory("parley-bench")));
        return 0;
    }

    Bench.Setup setup() {
        Plan plan;
        try {
            plan = Plan.named(mode);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String scenario : scenarios) {
            if (!Bench.SCENARIOS.contains(scenario)) {
                throw new ParameterException(spec.commandLine(), "unknown scenario " + scenario + "; one of "
                        + String.join(", ", Bench.SCENARIOS));
            }
            chosen.add(scenario);
        }
        if (chosen.isEmpty()) {
            chosen.addAll(Bench.SCENARIOS);
        }
        if (!Files.isRegularFile(serverJar)) {
            throw invalid("--server-jar", "no such file: " + serverJar);
        }
        // Each option on its own, so that a value the plan refuses is reported against the option that gave it.
        if (sizes != null) {
            plan = apply(plan, "--sizes", p -> p.withFanOutSizes(sizes));
        }
        if (rounds != null) {
            plan = apply(plan, "--rounds", p -> p.withRounds(rounds, p.fixedRates()));
        }
        if (rates != null) {
            plan = apply(plan, "--rates", p -> p.withRounds(p.rounds(), rates));
        }
        if (stepSeconds != null) {
            plan = apply(plan, "--step-seconds", p -> p.withStep(Duration.ofSeconds(stepSeconds)));
        }
        if (reconnectClients != null) {
            plan = apply(plan, "--reconnect-clients", p -> p.withReconnectClients(reconnectClients));
        }
        if (clusterSessions != null || sessionNodes != null) {
            // Together: whether the sessions fit their nodes depends on both.
            String given = clusterSessions == null ? "--session-nodes"
                    : sessionNodes == null ? "--cluster-sessions" : "--cluster-sessions/--session-nodes";
            plan = apply(plan, given, p -> p.withClusterSessions(clusterSessions != null ? clusterSessions : p.cluster().sessions(),
                    sessionNodes != null ? sessionNodes : p.cluster().sessionNodes()));
        }
        Bench.Setup setup = new Bench.Setup(plan, chosen, serverJar, out, work, Inspircd.installed());
        return parleyOnly ? setup.withoutInspircd() : setup;
    }

    private Plan apply(Plan plan, String option, UnaryOperator<Plan> change) {
        try {
            return change.apply(plan);
        } catch (IllegalArgumentException e) {
            throw invalid(option, e.getMessage());
        }
    }

    private ParameterException invalid(String option, String what) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + what);
    }

    private static <T> T number(String value, String what, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("not " + what + ": " + value);
        }
    }

    /** What is wrong in one line, not the whole usage text (that is what --help is for). */
    private static int badCommandLine(ParameterException e, String[] args) {
        e.getCommandLine().getErr().println("parley-bench: " + e.getMessage() + " (see --help)");
        return USAGE;
    }
}
