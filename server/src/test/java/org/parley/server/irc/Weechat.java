package org.parley.server.irc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.parley.server.testing.TestServer;

/**
 * WeeChat 3.8 from Debian's weechat-headless, in a directory of its own, connected to the test server's IRC port by
 * SASL PLAIN with the certificate pinned. Lines are typed through its FIFO (weechat-plugins); what it shows is read
 * from its logs ({@code logs/irc.parley.<buffer>.weechatlog}), flushed at once. Times are UTC.
 */
final class Weechat implements AutoCloseable {
    private final Path dir;
    private final Process process;

    private Weechat(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /** The password must not hold spaces: {@code /server add} splits its options at them. */
    static Weechat start(Path dir, TestServer server, String user, String password) throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        String fingerprint = server.fingerprint().replace(":", "").toLowerCase(Locale.ROOT);
        String commands = String.join(";",
                "/set logger.file.flush_delay 0",
                "/set irc.server_default.sasl_fail disconnect",
                "/server add parley 127.0.0.1/" + server.server().ircAddress().getPort() + " -ssl -ssl_fingerprint="
                        + fingerprint + " -nicks=" + user + " -sasl_username=" + user + " -sasl_password=" + password,
                "/connect parley");
        ProcessBuilder builder = new ProcessBuilder(List.of("weechat-headless", "--dir", dir.toString(), "--stdout", "-r",
                commands)).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.txt").toFile());
        builder.environment().put("TZ", "UTC");
        return new Weechat(dir, builder.start());
    }

    /** WeeChat's log of a buffer: {@code #channel}, a nick's query, or {@code server.parley}. */
    Path log(String buffer) {
        String name = buffer.equals("server.parley") ? "irc.server.parley" : "irc.parley." + buffer;
        return dir.resolve("logs").resolve(name.toLowerCase(Locale.ROOT) + ".weechatlog");
    }

    /** Types a command, as in WeeChat's core buffer. */
    void input(String command) throws IOException, InterruptedException {
        Path fifo = FileWatch.awaitFile(dir, "weechat_fifo_");
        Files.write(fifo, ("*" + command + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
