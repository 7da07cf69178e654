package org.parley.server.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.ok;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.ServerConfig;
import org.parley.server.testing.ServerTestBase;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;
import org.parley.testing.tls.PinnedCertificateTrustManager;

/**
 * Bad input on the IRC port, each case a raw line over real TLS: a clear numeric or NOTICE, the connection kept
 * (or closed where it must be), nothing stored that should not be, and the Parley user in the room unaffected.
 */
class IrcBadInputTest extends ServerTestBase {

    @Override
    protected void configure(ServerConfig config) {
        config.ircPort(0);
    }

    private List<String> generalTexts(TestClient parley) throws Exception {
        ServerMessage.History page = (ServerMessage.History) parley.request(
                new Request.History(parley.nextId(), "#general", null, null, null));
        return page.messages().stream().map(ChatMessage::text).toList();
    }

    private static byte[] line(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] b ? b : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void aClientOfferingOnlyWeakSuitesIsToldWhyByTheAlert() throws Exception {
        InetSocketAddress address = server.server().ircAddress();
        try (SSLSocket weak = (SSLSocket) PinnedCertificateTrustManager.clientContext(server.fingerprint(), "TLS")
                .getSocketFactory().createSocket(address.getAddress(), address.getPort())) {
            weak.setEnabledProtocols(new String[] {"TLSv1.2"});
            weak.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"});
            SSLException refused = assertThrows(SSLException.class, weak::startHandshake);
            assertTrue(refused.getMessage().contains("handshake_failure"), refused.getMessage());
        }
        try (TestClient parley = server.login("ann")) {
            assertEquals(new ServerMessage.Pong("p"), parley.request(new Request.Ping("p")));
        }
    }

    @Test
    void beforeRegistration451AndUnknownCommands421() throws Exception {
        server.login("ben").close();
        try (IrcTestClient irc = IrcTestClient.connect(server)) {
            irc.send("JOIN #general");
            irc.expect(":parley 451 * :You have not registered");
            irc.send("PRIVMSG #general :sneaky");
            irc.expect(":parley 451 * :You have not registered");
        }
        try (TestClient ann = server.login("ann"); IrcTestClient irc = IrcTestClient.registered(server, "ben")) {
            irc.send("FROBNICATE now");
            irc.expect(":parley 421 ben FROBNICATE :Unknown command");
            irc.send("PRIVMSG");
            irc.expect(":parley 411 ben :No recipient given (PRIVMSG)");
            irc.send("PRIVMSG #general");
            irc.expect(":parley 412 ben :No text to send");
            assertFalse(generalTexts(ann).contains("sneaky"));
        }
    }

    @Test
    void malformedOverlongAndInjectedLinesAreRefusedAndNothingIsStored() throws Exception {
        try (TestClient ann = server.login("ann")) {
            server.login("ben").close();
            try (IrcTestClient irc = IrcTestClient.registered(server, "ben")) {
                irc.send("");
                irc.send("@tag=1 :some.prefix");
                irc.expect(":parley NOTICE ben :malformed line ignored: no command");

                irc.send("PRIVMSG #general :" + "x".repeat(600));
                irc.expect(":parley 417 ben :Input line was too long");
                // No LF for far longer than any line: skipped to its end, reported once.
                irc.sendBytes("PRIVMSG #general :".concat("y".repeat(20_000)).getBytes(StandardCharsets.US_ASCII));
                irc.send("z");
                irc.expect(":parley 417 ben :Input line was too long");

                irc.sendBytes(line("PRIVMSG #general :hi\rQUIT :injected"));
                irc.expect(":parley NOTICE ben :line contains a CR before its end; it was ignored");
                irc.sendBytes(line("PRIVMSG #general :nul", new byte[] {0}, "here"));
                irc.expect(":parley NOTICE ben :line contains a NUL byte; it was ignored");
                irc.sendBytes(line("PRIVMSG #general :caf", new byte[] {(byte) 0xC3, '('}, " bad"));
                irc.expect(":parley NOTICE ben :line is not valid UTF-8; it was ignored");

                // Client tags may take 4096 bytes in front of the 512: accepted.
                irc.send("@+example=" + "t".repeat(4000) + " PRIVMSG #general :still here");
                ServerMessage.MessagePush push = ann.await(ServerMessage.MessagePush.class, p -> p.msg().from().equals("ben"));
                assertEquals("still here", push.msg().text());
                assertEquals(List.of("still here"), generalTexts(ann));
                irc.send("PING :alive");
                irc.expect(":parley PONG parley :alive");
            }
        }
    }

    @Test
    void lineBreaksInParleyTextNeverReachIrcAsCommands() throws Exception {
        try (TestClient ann = server.login("ann")) {
            server.login("ben").close();
            try (IrcTestClient irc = IrcTestClient.registered(server, "ben")) {
                ok(ann.request(new Request.Send(ann.nextId(), "#general", "one\r\nQUIT :injected\rJOIN #evil\nfour", null)));
                irc.expect(":ann!ann@parley PRIVMSG #general :one");
                irc.expect(":ann!ann@parley PRIVMSG #general :QUIT :injected");
                irc.expect(":ann!ann@parley PRIVMSG #general :JOIN #evil");
                irc.expect(":ann!ann@parley PRIVMSG #general :four");
                assertTrue(irc.seen().stream().noneMatch(l -> l.startsWith("QUIT") || l.startsWith("JOIN")), irc.seen().toString());
            }
        }
    }

    /** A flood is slowed down (fake lag), never refused: every line gets through, in order. */
    @Test
    void floodingIsFakeLagNotLoss() throws Exception {
        server.close();
        server = TestServer.start(dir, c -> c.ircPort(0).flood(3, 50));
        try (TestClient ann = server.login("ann")) {
            server.login("ben").close();
            try (IrcTestClient irc = IrcTestClient.registered(server, "ben")) {
                StringBuilder burst = new StringBuilder();
                for (int i = 0; i < 40; i++) {
                    burst.append("PRIVMSG #general :flood ").append(i).append("\r\n");
                }
                irc.sendBytes(burst.toString().getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 40; i++) {
                    assertEquals("flood " + i, ann.await(ServerMessage.MessagePush.class).msg().text());
                }
                irc.send("PING :after");
                irc.expect(":parley PONG parley :after");
                assertTrue(irc.seen().stream().noneMatch(l -> l.contains("NOTICE")), irc.seen().toString());
            }
        }
    }

    /** Beyond 256 lines waiting for their turn, a line is dropped with a NOTICE: the queue is bounded. */
    @Test
    void tooManyLinesWaitingAreDroppedWithANotice() throws Exception {
        server.login("ben").close();
        server.close();
        server = TestServer.start(dir, c -> c.ircPort(0).flood(1, 1));
        try (IrcTestClient irc = IrcTestClient.connect(server)) {
            irc.send("PASS :" + TestServer.PASSWORD);
            irc.send("NICK ben");
            irc.send("USER ben 0 * :Ben");
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                burst.append("PING :").append(i).append("\r\n");
            }
            irc.sendBytes(burst.toString().getBytes(StandardCharsets.US_ASCII));
            irc.expect(" :too many commands waiting; this one was dropped");
        }
    }

    /** A client that never reads is closed at the backlog limit; the sender keeps chatting and is told it left. */
    @Test
    void aClientThatNeverReadsIsClosedAndNobodyElseIsAffected() throws Exception {
        server.close();
        server = TestServer.start(dir, c -> c.ircPort(0).maxBacklogBytes(256 * 1024).flood(1_000_000, 1_000_000));
        server.login("ben").close();
        try (TestClient ann = server.login("ann"); IrcTestClient ben = IrcTestClient.connect(server, false)) {
            ann.watch("ben");
            ben.send("PASS :" + TestServer.PASSWORD);
            ben.send("NICK ben");
            ben.send("USER ben 0 * :Ben");
            ann.await(ServerMessage.Presence.class, p -> p.user().equals("ben") && p.online());
            String text = "w".repeat(4000);
            boolean gone = false;
            // Batches of 32 acknowledgements (128 KiB) stay below the sender's own backlog limit.
            for (int batch = 0; batch < 500 && !gone; batch++) {
                List<CompletableFuture<ServerMessage>> replies = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    replies.add(ann.send(new Request.Send(ann.nextId(), "#general", text, null)));
                }
                for (CompletableFuture<ServerMessage> reply : replies) {
                    ok(reply.get());
                }
                gone = !((ServerMessage.Users) ann.request(new Request.Users(ann.nextId()))).online().contains("ben");
            }
            assertTrue(gone, "ben is still online after 16,000 messages of 4,000 characters");
            ann.await(ServerMessage.Presence.class, p -> p.user().equals("ben") && !p.online());
            ok(ann.request(new Request.Send(ann.nextId(), "#general", "still chatting", null)));
        }
    }
}
