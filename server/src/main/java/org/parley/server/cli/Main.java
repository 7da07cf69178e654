package org.parley.server.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.parley.server.ExitCode;
import org.parley.server.ParleyServer;
import org.parley.server.ServerConfig;
import org.parley.server.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code java -jar parley-server.jar [options]} runs the server; subcommands administer its data. */
@Command(name = "parley-server", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Runs the Parley chat server (TLS on TCP, protocol v2).",
        subcommands = {UsersCommand.class, BackupCommand.class, MigrateCommand.class})
public final class Main implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    /**
     * The startup lines scripts and tests parse (the fingerprint, then the bound address); keep their shape stable.
     * Read by {@code org.parley.testing.launch.StartupLine}, checked by StartupContractTest.
     */
    static final String FINGERPRINT_LINE = "TLS certificate SHA-256 fingerprint: ";
    static final String LISTENING = "Parley server listening on %s:%d";
    /** Printed before {@link #LISTENING}, which stays the last line; StartupLine passes it by. */
    static final String IRC_LISTENING = "IRC gateway listening on %s:%d";

    @Option(names = "--bind", defaultValue = ServerConfig.DEFAULT_BIND, description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "" + ServerConfig.DEFAULT_PORT, description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--irc-port", paramLabel = "N", description = "Also serve IRC clients (TLS, the same certificate)"
            + " on this TCP port; 0 picks a free one. Off unless given; 6697 is IRC's usual TLS port.")
    Integer ircPort;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--keystore", description = "PKCS12 keystore with the server's key and certificate."
            + " Without it a self-signed certificate is generated in the data directory.")
    Path keystore;

    @Option(names = "--keystore-password", defaultValue = "${env:PARLEY_KEYSTORE_PASSWORD}", arity = "0..1",
            interactive = true, description = "Password of --keystore (default: env PARLEY_KEYSTORE_PASSWORD).")
    char[] keystorePassword;

    @Mixin
    LimitOptions limits;

    @Mixin
    StorageOptions storage;

    @Mixin
    StoreOptions store;

    public static void main(String[] args) {
        // TLS 1.2 lets a client renegotiate at will, making the server redo handshakes on demand (a cheap CPU
        // attack). Chat clients never need it. JSSE reads this once, so it must be set before any TLS use.
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
        System.exit(commandLine().execute(args));
    }

    /** The command line with its exit codes: a {@link StartupException} is one line on stderr, never a trace. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler(Main::fault);
        commandLine.setParameterExceptionHandler(Main::badCommandLine);
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            codes.put(String.format("%3d", code.code()), code.meaning());
        }
        commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE.code());
        return commandLine;
    }

    /** A wrong option or value: what is wrong in one line, not the whole usage text (that is what --help is for). */
    private static int badCommandLine(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println("parley-server: " + e.getMessage() + " (see --help)");
        return ExitCode.USAGE.code();
    }

    private static int fault(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        if (e instanceof StartupException fault) {
            command.getErr().println("parley-server: " + fault.getMessage());
            LOG.debug("startup fault", fault);
            return fault.exitCode().code();
        }
        command.getErr().println("parley-server: unexpected error: " + e + " (" + ExitCode.UNEXPECTED.meaning() + ")");
        LOG.debug("unexpected error", e);
        return ExitCode.UNEXPECTED.code();
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--port': " + port + " is not a TCP port (0-65535; 0 picks a free one)");
        }
        if (ircPort != null && (ircPort < 0 || ircPort > 65535)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--irc-port': "
                    + ircPort + " is not a TCP port (0-65535; 0 picks a free one)");
        }
        ServerConfig config = store.applyTo(storage.applyTo(limits.applyTo(new ServerConfig().bind(bind).port(port).dataDir(dataDir.path())
                .keystore(keystore).keystorePassword(keystorePassword))));
        if (ircPort != null) {
            config.ircPort(ircPort);
        }
        ParleyServer server = ParleyServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // SIGTERM/SIGINT: stop accepting, let writes commit, close the database, then let the JVM exit.
            server.close();
            stopped.countDown();
        }, "parley-shutdown"));
        if (server.createdDatabase()) {
            System.out.println("Created database " + (config.store() == null
                    ? dataDir.path().resolve(ParleyServer.DATABASE_FILE) : server.storeLocation()));
        }
        if (server.tls().generated()) {
            System.out.println("Generated self-signed certificate " + server.tls().keystore());
        }
        System.out.println(FINGERPRINT_LINE + server.tls().fingerprint());
        if (server.ircAddress() != null) {
            System.out.println(String.format(IRC_LISTENING, server.ircAddress().getAddress().getHostAddress(),
                    server.ircAddress().getPort()));
        }
        System.out.println(String.format(LISTENING, server.address().getAddress().getHostAddress(),
                server.address().getPort()));
        System.out.flush();
        stopped.await();
        return ExitCode.OK.code();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"parley-server " + ParleyServer.version()};
        }
    }
}
