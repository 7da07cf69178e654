package org.parley.server.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.error;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.ServerConfig;
import org.parley.server.testing.ServerTestBase;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;

/** Registration over real TLS against the real server: CAP, SASL PLAIN, PASS, the welcome burst, refusals. */
class IrcRegistrationTest extends ServerTestBase {

    @Override
    protected void configure(ServerConfig config) {
        config.ircPort(0);
    }

    private void account(String user) throws Exception {
        server.login(user).close();
    }

    @Test
    void saslPlainRegistersWithTheWelcomeBurstAndGeneral() throws Exception {
        account("alice");
        try (IrcTestClient irc = IrcTestClient.connect(server)) {
            irc.send("CAP LS 302");
            irc.send("NICK alice");
            irc.send("USER alice 0 * :Alice");
            String ls = irc.expect(" LS :");
            assertTrue(ls.endsWith(":batch echo-message message-tags sasl=PLAIN server-time"), ls);
            irc.send("CAP REQ :server-time message-tags sasl");
            irc.expect(":parley CAP alice ACK :server-time message-tags sasl");
            irc.send("AUTHENTICATE PLAIN");
            irc.expect("AUTHENTICATE +");
            irc.send("AUTHENTICATE " + IrcTestClient.plain("alice", TestServer.PASSWORD));
            irc.expect(":parley 900 alice alice!alice@parley alice :You are now logged in as alice");
            irc.expect(":parley 903 alice :SASL authentication successful");
            irc.send("CAP END");
            List<String> burst = irc.until(" 366 ");
            assertTrue(burst.get(0).startsWith(":parley 001 alice :Welcome"), burst.toString());
            String isupport = burst.stream().filter(l -> l.startsWith(":parley 005 alice ")).findFirst().orElseThrow();
            for (String token : List.of("CHANTYPES=#", "CASEMAPPING=ascii", "NICKLEN=32", "CHANNELLEN=65", "PREFIX=()",
                    "NETWORK=Parley")) {
                assertTrue(isupport.contains(" " + token + " "), isupport);
            }
            for (String numeric : List.of(" 002 ", " 003 ", " 004 ", " 422 ")) {
                assertTrue(burst.stream().anyMatch(l -> l.contains(numeric)), numeric + " in " + burst);
            }
            assertTrue(burst.contains(":alice!alice@parley JOIN :#general"), burst.toString());
            assertTrue(burst.contains(":parley 353 alice = #general :alice"), burst.toString());
        }
    }

    @Test
    void passLogsInTheNickOrTheUserBeforeTheColon() throws Exception {
        account("bob");
        try (IrcTestClient irc = IrcTestClient.connect(server)) {
            irc.send("PASS :" + TestServer.PASSWORD);
            irc.send("NICK bob");
            irc.send("USER bob 0 * :Bob");
            irc.expect(":parley 001 bob ");
        }
        try (IrcTestClient irc = IrcTestClient.connect(server)) {
            irc.send("PASS :bob:" + TestServer.PASSWORD);
            irc.send("NICK someone_else");
            irc.send("USER x 0 * :X");
            irc.expect(":parley 001 bob ");
        }
    }

    @Test
    void wrongSaslPasswordIs904AndEndingWithoutLoginIs464() throws Exception {
        account("carol");
        try (IrcTestClient irc = IrcTestClient.connect(server)) {
            irc.send("CAP LS 302");
            irc.send("NICK carol");
            irc.send("USER carol 0 * :Carol");
            irc.send("CAP REQ :sasl");
            irc.send("AUTHENTICATE PLAIN");
            irc.expect("AUTHENTICATE +");
            irc.send("AUTHENTICATE " + IrcTestClient.plain("carol", "wrong password"));
            irc.expect(":parley 904 carol :SASL authentication failed: wrong username or password");
            irc.send("CAP END");
            irc.expect(":parley 464 carol :Password required");
            irc.expect("ERROR :Closing link: not logged in");
            assertTrue(irc.awaitClosed());
            assertFalse(irc.seen().stream().anyMatch(l -> l.contains(" 001 ")), irc.seen().toString());
        }
    }

    @Test
    void wrongPassIs464AndClosed() throws Exception {
        account("dave");
        try (IrcTestClient irc = IrcTestClient.connect(server)) {
            irc.send("PASS :not the password");
            irc.send("NICK dave");
            irc.send("USER dave 0 * :Dave");
            irc.expect(":parley 464 dave :Password incorrect: wrong username or password");
            irc.expect("ERROR :");
            assertTrue(irc.awaitClosed());
        }
    }

    @Test
    void noAnonymousAccess() throws Exception {
        try (IrcTestClient irc = IrcTestClient.connect(server)) {
            irc.send("NICK nobody");
            irc.send("USER nobody 0 * :Nobody");
            irc.expect(":parley 464 nobody :Password required");
            assertTrue(irc.awaitClosed());
        }
    }

    /** The Parley throttle: failures over IRC count against the account like Parley's, and lock Parley logins too. */
    @Test
    void failedLoginsAreThrottledLikeParleyLogins() throws Exception {
        server.close();
        server = TestServer.start(dir, c -> c.ircPort(0).loginThrottle(2, 1, 100, 60));
        account("erin");
        try (IrcTestClient irc = IrcTestClient.connect(server)) {
            irc.send("CAP REQ :sasl");
            irc.send("NICK erin");
            irc.send("USER erin 0 * :Erin");
            for (int i = 0; i < 2; i++) {
                irc.send("AUTHENTICATE PLAIN");
                irc.expect("AUTHENTICATE +");
                irc.send("AUTHENTICATE " + IrcTestClient.plain("erin", "wrong password"));
                irc.expect(" 904 erin :SASL authentication failed: wrong username or password");
            }
            irc.send("AUTHENTICATE PLAIN");
            irc.expect("AUTHENTICATE +");
            irc.send("AUTHENTICATE " + IrcTestClient.plain("erin", TestServer.PASSWORD));
            String refused = irc.expect(" 904 ");
            assertTrue(refused.contains("retry in"), refused);
        }
        try (TestClient parley = server.connect()) {
            error(ErrorCode.RATE_LIMITED, parley.request(new Request.Login(parley.nextId(), "erin", TestServer.PASSWORD)));
        }
    }

    @Test
    void anIrcSessionIsOnlineForParleyAndQuitTakesItOffline() throws Exception {
        try (TestClient parley = server.login("frank")) {
            parley.watch("gina");
            account("gina");
            IrcTestClient irc = IrcTestClient.registered(server, "gina");
            parley.await(ServerMessage.Presence.class, p -> p.user().equals("gina") && p.online());
            assertTrue(((ServerMessage.Users) parley.request(new Request.Users(parley.nextId()))).online().contains("gina"));
            irc.send("QUIT :bye");
            irc.expect("ERROR :Closing link: quit");
            assertTrue(irc.awaitClosed());
            parley.await(ServerMessage.Presence.class, p -> p.user().equals("gina") && !p.online());
            irc.close();
        }
    }

    @Test
    void pingIsAnsweredAndASilentPeerIsPingedThenClosed() throws Exception {
        server.close();
        server = TestServer.start(dir, c -> c.ircPort(0).timeouts(30, 1, 1));
        account("hank");
        try (IrcTestClient irc = IrcTestClient.registered(server, "hank")) {
            irc.send("PING :token 1");
            irc.expect(":parley PONG parley :token 1");
            irc.expect("PING :parley");
            irc.expect("ERROR :Closing link: Ping timeout");
            assertTrue(irc.awaitClosed());
        }
    }

    @Test
    void notLoggedInByTheDeadlineIsClosedWithError() throws Exception {
        server.close();
        server = TestServer.start(dir, c -> c.ircPort(0).timeouts(1, 30, 30));
        try (IrcTestClient irc = IrcTestClient.connect(server)) {
            irc.send("NICK slow");
            assertEquals("ERROR :closing: not logged in within 1 s of connecting", irc.expect("ERROR"));
            assertTrue(irc.awaitClosed());
        }
    }

    @Test
    void unknownCapabilitiesAndMechanismsAreRefusedAndTheNickIsTheAccount() throws Exception {
        account("ivan");
        try (IrcTestClient irc = IrcTestClient.connect(server)) {
            irc.send("CAP REQ :server-time draft/chathistory");
            irc.expect(":parley CAP * NAK :server-time draft/chathistory");
            irc.send("CAP LIST");
            irc.expect(":parley CAP * LIST :");
            irc.send("AUTHENTICATE SCRAM-SHA-256");
            irc.expect(":parley 908 * PLAIN :are available SASL mechanisms");
            irc.expect(":parley 904 * :SASL authentication failed");
            irc.send("NICK x");
            irc.expect(":parley 432 * x :Erroneous nickname");
            irc.send("NICK someone");
            irc.send("USER someone 0 * :Someone");
            irc.send("AUTHENTICATE PLAIN");
            irc.expect("AUTHENTICATE +");
            irc.send("AUTHENTICATE " + IrcTestClient.plain("ivan", TestServer.PASSWORD));
            irc.expect(" 903 ");
            irc.send("CAP END");
            irc.expect(":parley 001 ivan :Welcome");
            irc.send("NICK other");
            irc.expect(":parley 432 ivan other :Your nick is your Parley username, ivan; it cannot change");
            irc.send("USER again 0 * :Again");
            irc.expect(":parley 462 ivan :You may not reregister");
        }
    }
}
