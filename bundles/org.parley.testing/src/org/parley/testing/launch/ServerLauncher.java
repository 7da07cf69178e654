package org.parley.testing.launch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The one way tests and the benchmark start a Parley server: a child JVM running the server's real command line,
 * ready when {@link StartupLine} has read its listening line. Used by the server's own process tests (main class on
 * the test class path, before the jar exists), the client and UI test fragments and the benchmark (the built jar);
 * {@link RestartableServer} adds restarts on the same port.
 *
 * @param wrapper     a command the JVM runs under, e.g. {@code prlimit --nofile=400:400} (empty: none)
 * @param run         how the JVM runs the server: {@code -jar JAR} or {@code -cp PATH org.parley.server.cli.Main}
 * @param jvmOptions  options before {@code run}, e.g. {@code -Xmx256m}
 * @param environment extra environment variables, e.g. {@code PARLEY_KEYSTORE_PASSWORD}
 */
public record ServerLauncher(List<String> wrapper, List<String> run, List<String> jvmOptions,
        Map<String, String> environment) {

    /** The server's main class, for the class-path form. */
    public static final String MAIN = "org.parley.server.cli.Main";
    /** How long a server may take to print its listening line (a loaded 2-core machine starts JVMs slowly). */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    /** {@code java -jar jar}. */
    public static ServerLauncher jar(Path jar) {
        return new ServerLauncher(List.of(), List.of("-jar", jar.toString()), List.of(), Map.of());
    }

    /** {@code java -cp classPath org.parley.server.cli.Main}. */
    public static ServerLauncher classPath(String classPath) {
        return new ServerLauncher(List.of(), List.of("-cp", classPath, MAIN), List.of(), Map.of());
    }

    /**
     * The built server jar, named by the system property {@code parley.server.jar} that each module starting the
     * server sets to its declared {@code parley-server} dependency.
     */
    public static Path builtJar() {
        String configured = System.getProperty("parley.server.jar");
        if (configured == null || !Files.isRegularFile(Path.of(configured))) {
            throw new IllegalStateException("parley.server.jar must name the built server jar"
                    + " (./mvnw -pl server package), got " + configured);
        }
        return Path.of(configured);
    }

    public ServerLauncher withJvmOptions(List<String> options) {
        return new ServerLauncher(wrapper, run, List.copyOf(options), environment);
    }

    public ServerLauncher withEnvironment(Map<String, String> variables) {
        return new ServerLauncher(wrapper, run, jvmOptions, Map.copyOf(variables));
    }

    /** Runs the JVM under {@code command}, e.g. {@code prlimit --nofile=400:400}. */
    public ServerLauncher under(List<String> command) {
        return new ServerLauncher(List.copyOf(command), run, jvmOptions, environment);
    }

    /** The whole command line: wrapper, java, JVM options, how to run the server, then {@code args}. */
    public List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(wrapper);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(run);
        command.addAll(args);
        return command;
    }

    /**
     * Starts the server with these command-line arguments; its output (stdout and stderr) goes to {@code log}.
     *
     * @throws TimeoutException if it printed no listening line within {@link #STARTUP_TIMEOUT} (it is stopped)
     */
    public LaunchedServer start(Path log, List<String> args) throws IOException, TimeoutException {
        StartupLine startup = new StartupLine();
        ChildProcess.Started<StartupLine.Startup> started = ChildProcess.start(command(args), environment, log,
                STARTUP_TIMEOUT, startup::accept);
        return new LaunchedServer(started.process(), started.value());
    }

    /** A running server and what it announced. */
    public record LaunchedServer(ChildProcess process, StartupLine.Startup startup) implements AutoCloseable {
        public int port() {
            return startup.port();
        }

        public InetSocketAddress address() {
            return new InetSocketAddress(startup.host(), startup.port());
        }

        /** Everything the server wrote to its log file so far (stdout and stderr). */
        public String log() throws IOException {
            return Files.readString(process.log());
        }

        public String fingerprint() {
            return startup.fingerprint();
        }

        @Override
        public void close() {
            process.close();
        }
    }
}
