package org.parley.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.tls.PinnedCertificateTrustManager;
import org.parley.server.ExitCode;
import org.parley.server.testing.CommandProcess;
import org.parley.server.testing.MainProcess;
import org.parley.testing.launch.ServerLauncher.LaunchedServer;
import org.parley.testing.launch.StartupLine;

/**
 * {@code --irc-port} through the real command line: off unless given; given, the IRC line comes before the listening
 * line (which stays last, and is what StartupLine returns) and the port speaks IRC over the server's TLS; a port in use
 * is exit 20 and one line naming the option.
 */
class IrcPortOptionTest {
    private static final Pattern IRC = Pattern.compile("^IRC gateway listening on 127\\.0\\.0\\.1:(\\d+)$");

    @TempDir
    Path dir;

    @Test
    void offByDefaultAndPrintedBeforeTheListeningLineWhenOn() throws Exception {
        try (LaunchedServer plain = MainProcess.start(dir.resolve("a"), dir.resolve("a.log"))) {
            assertTrue(plain.process().output().stream().noneMatch(l -> l.startsWith("IRC")), plain.process().output().toString());
        }
        try (LaunchedServer server = MainProcess.start(dir.resolve("b"), dir.resolve("b.log"), Map.of(),
                "--irc-port", "0")) {
            List<String> out = server.process().output();
            StartupLine reader = new StartupLine();
            StartupLine.Startup startup = null;
            int ircPort = -1;
            for (String line : out) {
                assertNull(startup, "the listening line is the last startup line: " + out);
                Matcher m = IRC.matcher(line);
                if (m.matches()) {
                    ircPort = Integer.parseInt(m.group(1));
                }
                startup = reader.accept(line);
            }
            assertNotNull(startup, out.toString());
            assertEquals(server.address().getPort(), startup.port());
            assertTrue(ircPort > 0, out.toString());
            var factory = PinnedCertificateTrustManager.clientContext(server.fingerprint(), "TLS").getSocketFactory();
            try (SSLSocket irc = (SSLSocket) factory.createSocket(InetAddress.getLoopbackAddress(), ircPort)) {
                OutputStream o = irc.getOutputStream();
                o.write("PING :hello\r\n".getBytes(StandardCharsets.US_ASCII));
                o.flush();
                var in = new BufferedReader(new InputStreamReader(irc.getInputStream(), StandardCharsets.UTF_8));
                assertEquals(":parley PONG parley :hello", in.readLine());
            }
        }
    }

    @Test
    void anIrcPortInUseIsExit20AndOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CommandProcess.Result run = CommandProcess.run("--bind", "127.0.0.1", "--port", "0", "--irc-port",
                    String.valueOf(taken.getLocalPort()), "--data-dir", dir.resolve("c").toString());
            assertEquals(ExitCode.CANNOT_LISTEN.code(), run.exit(), run.toString());
            // Only the server's own lines: SQLite's JDBC loader may complain on stderr when other JVMs on the machine
            // clean up its native library in /tmp at the same moment.
            List<String> own = run.stderr().stream().filter(l -> l.startsWith("parley-server: ")).toList();
            assertEquals(1, own.size(), run.toString());
            assertTrue(own.get(0).startsWith("parley-server: cannot listen for IRC on 127.0.0.1:" + taken.getLocalPort())
                    && own.get(0).contains("--irc-port"), run.toString());
        }
    }
}
