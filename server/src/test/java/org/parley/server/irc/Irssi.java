package org.parley.server.irc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.parley.server.testing.TestServer;

/**
 * irssi 1.4.3 from Debian, which needs a terminal: run under a tmux server of its own (its own socket), typed into
 * with {@code send-keys}; what it shows is read from its autologs ({@code logs/parley/<target>.log}) and from the
 * pane's output piped to {@code pane.txt}. Configured by a config file (SASL PLAIN, TLS with the certificate's
 * fingerprint pinned).
 */
final class Irssi implements AutoCloseable {
    private final Path dir;
    private final Path socket;

    private Irssi(Path dir) {
        this.dir = dir;
        this.socket = dir.resolve("tmux.sock");
    }

    static Irssi start(Path dir, TestServer server, String user, String password) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("logs").resolve("parley"));
        String config = """
                servers = ( { address = "127.0.0.1"; chatnet = "parley"; port = "%d"; use_tls = "yes";
                  tls_verify = "no"; tls_pinned_cert = "%s"; autoconnect = "yes"; } );
                chatnets = { parley = { type = "IRC"; sasl_mechanism = "PLAIN"; sasl_username = "%s";
                  sasl_password = "%s"; }; };
                settings = {
                  core = { real_name = "%s"; user_name = "%s"; nick = "%s"; };
                  "fe-common/core" = { autolog = "yes"; autolog_path = "%s/logs/$tag/$0.log"; autolog_level = "all"; };
                };
                """.formatted(server.server().ircAddress().getPort(), server.fingerprint(), user, password, user, user,
                user, dir);
        Files.writeString(dir.resolve("config"), config);
        Irssi irssi = new Irssi(dir);
        irssi.tmux("new-session", "-d", "-s", "irssi", "-x", "200", "-y", "50",
                "env TZ=UTC irssi --home=" + dir + " --config=" + dir.resolve("config"));
        irssi.tmux("pipe-pane", "-o", "-t", "irssi", "cat >> " + dir.resolve("pane.txt"));
        return irssi;
    }

    Path log(String target) {
        return dir.resolve("logs").resolve("parley").resolve(target + ".log");
    }

    Path pane() {
        return dir.resolve("pane.txt");
    }

    /** Types a line and Enter. */
    void input(String line) throws IOException, InterruptedException {
        tmux("send-keys", "-t", "irssi", "-l", line);
        tmux("send-keys", "-t", "irssi", "Enter");
    }

    private void tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("tmux " + String.join(" ", args) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
    }

    /** Ends irssi with its tmux server (only ours: it has its own socket). */
    @Override
    public void close() throws IOException, InterruptedException {
        tmux("kill-server");
    }
}
