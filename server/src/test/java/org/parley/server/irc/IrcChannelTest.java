package org.parley.server.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.ok;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.ServerConfig;
import org.parley.server.testing.ServerTestBase;
import org.parley.server.testing.TestClient;

/** Rooms as channels and messages both ways, with Parley clients (protocol v1 over TLS) in the same rooms. */
class IrcChannelTest extends ServerTestBase {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Override
    protected void configure(ServerConfig config) {
        config.ircPort(0);
    }

    private static ChatMessage send(TestClient parley, String to, String text) throws Exception {
        return ok(parley.request(new Request.Send(parley.nextId(), to, text, null))).msg();
    }

    private static ServerMessage.MessagePush push(TestClient parley, String from) throws Exception {
        return parley.await(ServerMessage.MessagePush.class, p -> p.msg().from().equals(from));
    }

    @Test
    void joinCreatesTheRoomThenNamesThenHistoryWithServerTime() throws Exception {
        try (TestClient ann = server.login("ann")) {
            ok(ann.request(new Request.Join(ann.nextId(), "#dev")));
            List<ChatMessage> sent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sent.add(send(ann, "#dev", "earlier " + i));
            }
            server.login("ben").close();
            try (IrcTestClient ben = IrcTestClient.registered(server, "ben", "server-time")) {
                ben.send("JOIN #Dev,#fresh");
                List<String> lines = ben.until(":earlier 2");
                assertEquals(":ben!ben@parley JOIN :#dev", lines.get(0), lines.toString());
                assertTrue(lines.contains(":parley 353 ben = #dev :ann ben"), lines.toString());
                assertTrue(lines.indexOf(":parley 366 ben #dev :End of /NAMES list") < lines.size() - 3, lines.toString());
                for (int i = 0; i < 3; i++) {
                    assertTrue(lines.contains("@time=" + TIME.format(sent.get(i).ts()) + " :ann!ann@parley PRIVMSG #dev :earlier "
                            + i), lines.toString());
                }
                ben.expect(":ben!ben@parley JOIN :#fresh");
                ben.expect(" 366 ben #fresh ");
                ServerMessage.Rooms rooms = (ServerMessage.Rooms) ann.request(new Request.Rooms(ann.nextId(), null, null));
                assertTrue(rooms.rooms().stream().anyMatch(r -> r.name().equals("#fresh") && r.members() == 1), rooms.toString());
            }
        }
    }

    @Test
    void roomAndPrivateMessagesBothWays() throws Exception {
        try (TestClient ann = server.login("ann")) {
            server.login("ben").close();
            try (IrcTestClient ben = IrcTestClient.registered(server, "ben")) {
                ben.send("PRIVMSG #general :hello from irc");
                ServerMessage.MessagePush inRoom = push(ann, "ben");
                assertEquals("#general", inRoom.msg().to());
                assertEquals("hello from irc", inRoom.msg().text());

                send(ann, "#general", "hello from parley");
                ben.expect(":ann!ann@parley PRIVMSG #general :hello from parley");

                ben.send("PRIVMSG ann :psst");
                ServerMessage.MessagePush privately = push(ann, "ben");
                assertEquals("@ann", privately.msg().to());
                assertEquals("psst", privately.msg().text());

                send(ann, "@ben", "psst back");
                ben.expect(":ann!ann@parley PRIVMSG ben :psst back");

                ServerMessage.History stored = (ServerMessage.History) ann.request(
                        new Request.History(ann.nextId(), "#general", null, null, null));
                assertTrue(stored.messages().stream().anyMatch(m -> m.from().equals("ben")
                        && m.text().equals("hello from irc")), stored.toString());
            }
        }
    }

    @Test
    void actionIsSlashMeAndLongParleyMessagesBecomeSeveralLines() throws Exception {
        try (TestClient ann = server.login("ann")) {
            server.login("ben").close();
            try (IrcTestClient ben = IrcTestClient.registered(server, "ben")) {
                ben.send("PRIVMSG #general :\u0001ACTION waves\u0001");
                assertEquals("/me waves", push(ann, "ben").msg().text());
                send(ann, "#general", "/me nods");
                ben.expect(":ann!ann@parley PRIVMSG #general :\u0001ACTION nods\u0001");

                // 4000 characters, a quarter of them 3-byte: far over one IRC line.
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < 1000; i++) {
                    text.append("ab\u20accd".substring(0, 4));
                }
                assertEquals(4000, text.length());
                send(ann, "#general", text.toString());
                StringBuilder received = new StringBuilder();
                String prefix = ":ann!ann@parley PRIVMSG #general :";
                int lines = 0;
                while (received.length() < text.length()) {
                    String line = ben.expect(prefix);
                    assertTrue((line + "\r\n").getBytes(StandardCharsets.UTF_8).length <= 512, line);
                    received.append(line.substring(prefix.length()));
                    lines++;
                }
                assertEquals(text.toString(), received.toString());
                assertTrue(lines >= 9, "lines: " + lines);
            }
        }
    }

    @Test
    void partTopicWhoListAndModeAnswerLikeAnIrcServer() throws Exception {
        try (TestClient ann = server.login("ann")) {
            server.login("ben").close();
            try (IrcTestClient ben = IrcTestClient.registered(server, "ben")) {
                ben.send("JOIN #dev");
                ben.expect(" 366 ben #dev ");
                ben.send("TOPIC #dev");
                ben.expect(":parley 331 ben #dev :No topic is set");
                ben.send("TOPIC #dev :new topic");
                ben.expect(":parley 482 ben #dev :Topics are read-only");
                ben.send("MODE #dev");
                ben.expect(":parley 324 ben #dev :+");
                ben.send("MODE #dev b");
                ben.expect(":parley 368 ben #dev :End of channel ban list");
                ben.send("MODE ben +i");
                ben.expect(":parley 221 ben :+");
                ben.send("WHO #general");
                ben.expect(":parley 352 ben #general ann parley parley ann H :0 ann");
                ben.expect(":parley 315 ben #general :End of WHO list");
                ben.send("LIST");
                ben.expect(":parley 322 ben #dev 1 :");
                ben.expect(":parley 323 ben :End of /LIST");
                ben.send("PART #dev :bye");
                ben.expect(":ben!ben@parley PART :#dev");
                ServerMessage.Rooms rooms = (ServerMessage.Rooms) ann.request(new Request.Rooms(ann.nextId(), null, null));
                assertTrue(rooms.rooms().stream().anyMatch(r -> r.name().equals("#dev") && r.members() == 0), rooms.toString());
                ben.send("PART #general");
                ben.expect(":parley NOTICE ben :PART #general: #general cannot be left");
                ben.send("PRIVMSG #dev :not a member");
                ben.expect(":parley 404 ben #dev :Cannot send to channel");
                ben.send("PRIVMSG #nowhere :hello");
                ben.expect(":parley 403 ben #nowhere :No such channel");
                ben.send("PRIVMSG nobody_here :hello");
                ben.expect(":parley 401 ben nobody_here :No such nick");
            }
        }
    }

    @Test
    void parleyPresenceIsJoinAndQuitInSharedChannels() throws Exception {
        server.login("ann").close();
        server.login("ben").close();
        try (IrcTestClient ben = IrcTestClient.registered(server, "ben")) {
            TestClient ann = server.login("ann");
            ben.expect(":ann!ann@parley JOIN :#general");
            ann.close();
            ben.expect(":ann!ann@parley QUIT :offline");
        }
    }

    @Test
    void echoMessageAndBatchedHistoryWhenAsked() throws Exception {
        try (TestClient ann = server.login("ann")) {
            ok(ann.request(new Request.Join(ann.nextId(), "#dev")));
            ChatMessage earlier = send(ann, "#dev", "before you came");
            server.login("ben").close();
            try (IrcTestClient ben = IrcTestClient.registered(server, "ben", "echo-message", "batch", "message-tags")) {
                ben.send("PRIVMSG #general :echoed");
                ben.expect(l -> l.startsWith("@msgid=") && l.endsWith(" :ben!ben@parley PRIVMSG #general :echoed"), "the echo");
                ben.send("JOIN #dev");
                String open = ben.expect(":parley BATCH +");
                String ref = open.substring(":parley BATCH +".length()).split(" ")[0];
                assertTrue(open.endsWith(" chathistory :#dev"), open);
                ben.expect("@batch=" + ref + ";msgid=" + earlier.id() + " :ann!ann@parley PRIVMSG #dev :before you came");
                ben.expect(":parley BATCH :-" + ref);
            }
        }
    }

    @Test
    void twoIrcClientsTalkThroughAChannel() throws Exception {
        server.login("cat").close();
        server.login("dan").close();
        try (IrcTestClient cat = IrcTestClient.registered(server, "cat");
                IrcTestClient dan = IrcTestClient.registered(server, "dan")) {
            cat.expect(":dan!dan@parley JOIN :#general");
            dan.send("PRIVMSG #general :hi cat");
            cat.expect(":dan!dan@parley PRIVMSG #general :hi cat");
            cat.send("PRIVMSG dan :hi dan");
            dan.expect(":cat!cat@parley PRIVMSG dan :hi dan");
        }
    }
}
