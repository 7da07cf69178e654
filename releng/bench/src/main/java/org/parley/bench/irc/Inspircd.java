package org.parley.bench.irc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.parley.testing.launch.ChildProcess;

/**
 * InspIRCd (Debian package {@code inspircd}, 3.x) configured in a scratch directory: TLS-only client port on
 * 127.0.0.1 through ssl_gnutls with a self-signed certificate made by openssl, and its flood limits lifted as
 * Parley's are: one connect class with huge sendq/recvq, threshold and commandrate, no fakelag, no clone
 * limits, no DNS or ident lookups. Runs in the foreground ({@code --nofork}) as the generator's child.
 */
public final class Inspircd implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/inspircd");
    private static final Path MODULES = Path.of("/usr/lib/inspircd/modules");

    private final ChildProcess process;
    private final InetSocketAddress address;
    private final Path certificate;

    private Inspircd(ChildProcess process, InetSocketAddress address, Path certificate) {
        this.process = process;
        this.address = address;
        this.certificate = certificate;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isRegularFile(MODULES.resolve("m_ssl_gnutls.so"));
    }

    public static Inspircd start(Path dir, Path logDir) throws IOException, TimeoutException, InterruptedException {
        Files.createDirectories(dir);
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=127.0.0.1"), dir);
        int port = freePort();
        Path config = dir.resolve("inspircd.conf");
        Files.writeString(config, config(dir, port, cert, key));
        // InspIRCd sizes its socket table from the soft fd limit: raise it to the hard one first.
        String launch = "cd " + dir + " && ulimit -c 0 && ulimit -n $(ulimit -Hn); exec " + BINARY + " --nofork --runasroot --config " + config;
        ChildProcess.Started<Boolean> started = ChildProcess.start(List.of("sh", "-c", launch), Map.of(),
                logDir.resolve("inspircd.log"), Duration.ofSeconds(30),
                line -> line.contains("InspIRCd is now running") ? Boolean.TRUE : null);
        return new Inspircd(started.process(), new InetSocketAddress("127.0.0.1", port), cert);
    }

    static String config(Path dir, int port, Path cert, Path key) {
        return """
                <config format="xml">
                <server name="bench.irc.local" description="Parley benchmark peer" network="Bench">
                <admin name="bench" nick="bench" email="bench@localhost">
                <path configdir="%1$s" datadir="%1$s" logdir="%1$s" moduledir="%2$s">
                <pid file="%1$s/inspircd.pid">
                <module name="ssl_gnutls">
                <sslprofile name="bench" provider="gnutls" certfile="%3$s" keyfile="%4$s" hash="sha256" priority="NORMAL"
                            requestclientcert="no">
                <bind address="127.0.0.1" port="%5$d" type="clients" sslprofile="bench">
                <connect name="bench" allow="*" maxchans="20" timeout="120" pingfreq="600"
                         hardsendq="256M" softsendq="256M" recvq="256M"
                         threshold="1000000000" commandrate="1000000000" fakelag="no"
                         localmax="1000000" globalmax="1000000" maxconnwarn="no" limit="1000000"
                         resolvehostnames="no" useident="no">
                <performance netbuffersize="65536" somaxconn="4096" softlimit="1000000" clonesonconnect="no" quietbursts="yes">
                <channels users="20" opers="60">
                <options prefixquit="Quit: " syntaxhints="no" announcets="no" hostintopic="no" pingwarning="15">
                <security hideserver="" userstats="Pu" flatlinks="no" hidesplits="no" hideulines="no" hidebans="no" maxtargets="20">
                <log method="file" type="* -USERINPUT -USEROUTPUT" level="default" target="%1$s/ircd.log">
                """.formatted(dir, MODULES, cert, key, port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    public Path certificate() {
        return certificate;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.close();
    }
}
