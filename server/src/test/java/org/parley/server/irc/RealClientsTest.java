package org.parley.server.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.parley.server.testing.Replies.ok;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.ServerConfig;
import org.parley.server.testing.ServerTestBase;
import org.parley.server.testing.TestClient;

/**
 * The clients people use, from Debian's packages (releng/install-test-deps): WeeChat 3.8 headless and irssi 1.4.3
 * under tmux, against a real server, with a Parley client (protocol v1 over TLS) on the other side. Each registers by
 * SASL PLAIN with the certificate pinned, gets a room's history on joining, and exchanges room and private messages
 * both ways; a wrong password is refused.
 */
class RealClientsTest extends ServerTestBase {
    /** No space: WeeChat's {@code /server add} splits its options at spaces. */
    private static final String PASSWORD = "correct-horse-staple";
    private static final DateTimeFormatter WEECHAT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    @Override
    protected void configure(ServerConfig config) {
        config.ircPort(0);
    }

    private void register(String user) throws Exception {
        try (TestClient c = server.connect()) {
            ok(c.request(new Request.Register(c.nextId(), user, PASSWORD)));
        }
    }

    private static ChatMessage send(TestClient parley, String to, String text) throws Exception {
        return ok(parley.request(new Request.Send(parley.nextId(), to, text, null))).msg();
    }

    private static ChatMessage fromIrc(TestClient parley, String user, String to) throws Exception {
        return parley.await(ServerMessage.MessagePush.class, p -> p.msg().from().equals(user) && p.msg().to().equals(to)).msg();
    }

    @Test
    void weechat() throws Exception {
        register("wee");
        try (TestClient ann = server.login("ann")) {
            ann.watch("wee");
            ChatMessage earlier = send(ann, "#general", "said before weechat came");
            try (Weechat wee = Weechat.start(dir.resolve("weechat"), server, "wee", PASSWORD)) {
                ann.await(ServerMessage.Presence.class, p -> p.user().equals("wee") && p.online());
                // Replayed with its own time (server-time), not the time of the replay.
                assertEquals(WEECHAT_TIME.format(earlier.ts()) + "\tann\tsaid before weechat came",
                        FileWatch.awaitLine(wee.log("#general"), "said before weechat came"));

                send(ann, "#general", "hello weechat");
                FileWatch.awaitLine(wee.log("#general"), "\tann\thello weechat");
                wee.input("/msg -server parley #general hello parley");
                assertEquals("hello parley", fromIrc(ann, "wee", "#general").text());

                send(ann, "@wee", "private to weechat");
                FileWatch.awaitLine(wee.log("ann"), "\tann\tprivate to weechat");
                wee.input("/msg -server parley ann private to parley");
                assertEquals("private to parley", fromIrc(ann, "wee", "@ann").text());
            }
        }
    }

    @Test
    void weechatWithAWrongPasswordIsRefused() throws Exception {
        register("wee");
        try (TestClient ann = server.login("ann");
                Weechat wee = Weechat.start(dir.resolve("weechat"), server, "wee", "not-the-password")) {
            FileWatch.awaitLine(wee.log("server.parley"), "SASL authentication failed: wrong username or password");
            assertFalse(((ServerMessage.Users) ann.request(new Request.Users(ann.nextId()))).online().contains("wee"));
        }
    }

    @Test
    void irssi() throws Exception {
        register("irs");
        try (TestClient ann = server.login("ann")) {
            ann.watch("irs");
            ok(ann.request(new Request.Join(ann.nextId(), "#dev")));
            send(ann, "#dev", "said in dev before irssi came");
            try (Irssi irssi = Irssi.start(dir.resolve("irssi"), server, "irs", PASSWORD)) {
                ann.await(ServerMessage.Presence.class, p -> p.user().equals("irs") && p.online());
                irssi.input("/join #dev");
                FileWatch.awaitLine(irssi.log("#dev"), "ann> said in dev before irssi came");

                send(ann, "#dev", "hello irssi");
                FileWatch.awaitLine(irssi.log("#dev"), "ann> hello irssi");
                irssi.input("/msg #dev hello parley");
                assertEquals("hello parley", fromIrc(ann, "irs", "#dev").text());

                send(ann, "@irs", "private to irssi");
                FileWatch.awaitLine(irssi.log("ann"), "ann> private to irssi");
                irssi.input("/msg ann private to parley");
                assertEquals("private to parley", fromIrc(ann, "irs", "@ann").text());
            }
        }
    }

    @Test
    void irssiWithAWrongPasswordIsRefused() throws Exception {
        register("irs");
        try (TestClient ann = server.login("ann");
                Irssi irssi = Irssi.start(dir.resolve("irssi"), server, "irs", "not-the-password")) {
            FileWatch.awaitLine(irssi.pane(), "SASL authentication failed");
            assertFalse(((ServerMessage.Users) ann.request(new Request.Users(ann.nextId()))).online().contains("irs"));
        }
    }
}
