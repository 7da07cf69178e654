package org.parley.bench.parley;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.parley.bench.net.PinnedTrust;
import org.parley.testing.launch.RestartableServer;
import org.parley.testing.launch.ServerLauncher;

/**
 * {@code java -jar parley-server.jar} as a child process on 127.0.0.1, with its flood and login throttles,
 * connection caps and pre-login deadlines lifted (the same way InspIRCd's are) and, unless real hashing is asked for, a cheap Argon2 cost so that
 * setting up thousands of users measures the chat server rather than password hashing. Extra JVM options come
 * from the environment variable {@code PARLEY_SERVER_JAVA_OPTS} (e.g. {@code -XX:StartFlightRecording=...}).
 */
public final class ParleyServer implements AutoCloseable {
    /** Lifted limits: far above anything the generator sends. */
    private static final String UNLIMITED = "1000000000";
    public static final String CHEAP_HASH = "64,1,1";

    private final Path dataDir;
    private final RestartableServer server;
    /** The IRC gateway's address (the IRC fan-out run), or null when it is off. */
    private final InetSocketAddress ircAddress;

    private ParleyServer(Path dataDir, RestartableServer server, InetSocketAddress ircAddress) {
        this.dataDir = dataDir;
        this.server = server;
        this.ircAddress = ircAddress;
    }

    /** Starts a server with a fresh (or existing) data directory on an ephemeral port. */
    public static ParleyServer start(Path jar, Path dataDir, Path logDir, boolean realHashing) throws IOException, TimeoutException {
        return launch(jar, dataDir, logDir, realHashing, false);
    }

    /** Like {@link #start}, with the IRC gateway on a free port too ({@code --irc-port 0}). */
    public static ParleyServer startWithIrcGateway(Path jar, Path dataDir, Path logDir) throws IOException, TimeoutException {
        return launch(jar, dataDir, logDir, false, true);
    }

    public InetSocketAddress ircAddress() {
        return ircAddress;
    }

    private static ParleyServer launch(Path jar, Path dataDir, Path logDir, boolean realHashing, boolean irc)
            throws IOException, TimeoutException {
        List<String> options = new ArrayList<>(benchOptions(realHashing));
        if (irc) {
            options.addAll(List.of("--irc-port", "0"));
        }
        RestartableServer server = RestartableServer.start(launcher(jar), dataDir, logDir, 0, options);
        InetSocketAddress ircAddress = null;
        if (irc) {
            // Printed just before the listening line (server/README.md).
            Matcher m = Pattern.compile("^IRC gateway listening on ([0-9.]+):(\\d+)$").matcher(server.output().stream()
                    .filter(l -> l.startsWith("IRC gateway listening on ")).findFirst().orElse(""));
            if (!m.matches()) {
                server.close();
                throw new IOException("the server printed no IRC listening line; see " + logDir);
            }
            ircAddress = new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
        }
        return new ParleyServer(dataDir, server, ircAddress);
    }

    /** {@code java -jar JAR} with the JVM options of {@code PARLEY_SERVER_JAVA_OPTS}, for every node a scenario starts. */
    public static ServerLauncher launcher(Path jar) {
        return launcher(jar, List.of());
    }

    /** The same with further JVM options (a heap bound for a node among several on this machine). */
    public static ServerLauncher launcher(Path jar, List<String> moreJvmOptions) {
        List<String> jvmOptions = new ArrayList<>(moreJvmOptions);
        String extra = System.getenv("PARLEY_SERVER_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            jvmOptions.addAll(List.of(extra.trim().split("\\s+")));
        }
        return ServerLauncher.jar(jar).withJvmOptions(jvmOptions);
    }

    /** The server options of every benchmark run: limits lifted and, unless {@code realHashing}, the cheap hash cost. */
    public static List<String> benchOptions(boolean realHashing) {
        List<String> options = new ArrayList<>(List.of("--flood-burst", UNLIMITED, "--flood-rate", UNLIMITED,
                "--login-burst", UNLIMITED, "--login-rate", UNLIMITED, "--register-burst", UNLIMITED,
                "--register-rate", UNLIMITED,
                // Every generated client comes from 127.0.0.1, and a reconnect storm has thousands mid-handshake.
                "--max-connections-per-address", UNLIMITED, "--max-unauthenticated", UNLIMITED, "--max-connections", UNLIMITED,
                "--handshake-deadline", UNLIMITED, "--login-deadline", UNLIMITED));
        if (!realHashing) {
            options.addAll(List.of("--hash-cost", CHEAP_HASH));
        }
        return options;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.host(), server.port());
    }

    /** The certificate the server generated in its data directory: the only one the generator trusts. */
    public X509Certificate certificate() throws IOException, GeneralSecurityException {
        return PinnedTrust.fromParleyDataDir(dataDir);
    }

    public long pid() {
        return server.process().pid();
    }

    public long rssKiB() {
        return server.process().rssKiB();
    }

    /** Graceful stop (SIGTERM: the server flushes and closes its connections). */
    public Duration stop() {
        return server.process().stop(Duration.ofSeconds(30));
    }

    /** Starts again on the same port with the same data, as an operator's restart would. */
    public void restart() throws IOException, TimeoutException {
        server.restart();
    }

    /** Live heap after a full GC, in KiB, as {@code jcmd GC.heap_info} reports it. */
    public long heapUsedKiB() throws IOException, InterruptedException {
        return heapUsedKiB(pid());
    }

    /** Live heap of the JVM {@code pid} after a full GC, in KiB. */
    public static long heapUsedKiB(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        if (!m.find()) {
            throw new IOException("cannot read heap use from: " + info);
        }
        return Long.parseLong(m.group(1));
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    @Override
    public void close() {
        server.close();
    }
}
