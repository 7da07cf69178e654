package org.parley.server.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.parley.server.testing.Replies.error;
import static org.parley.server.testing.Replies.ok;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.protocol.UnreadInfo;
import org.parley.server.ServerConfig;
import org.parley.server.testing.ServerTestBase;
import org.parley.server.testing.TestClient;

/** Read state over the wire: counts after login, offline private messages, the push to the user's other sessions. */
class ReadStateTest extends ServerTestBase {

    @Override
    protected void configure(ServerConfig config) {
        config.flood(1000, 1000);
    }

    private static List<UnreadInfo> unread(TestClient c) throws Exception {
        return ((ServerMessage.Unread) c.request(new Request.Unread(c.nextId()))).conversations();
    }

    private static ChatMessage send(TestClient c, String to, String text) throws Exception {
        return ok(c.request(new Request.Send(c.nextId(), to, text, null))).msg();
    }

    @Test
    void aPrivateConversationBegunWhileOfflineIsUnreadAtLoginWithItsMention() throws Exception {
        server.login("Bob").close();
        TestClient alice = server.login("alice");
        send(alice, "@bob", "are you there?");
        ChatMessage second = send(alice, "@BOB", "@bob ping");

        TestClient bob = server.login("bob");
        assertEquals(List.of(new UnreadInfo("#general", 0, 0, 0, 0), new UnreadInfo("@alice", 0, 2, 1, second.id())),
                unread(bob));
        assertEquals(List.of(new UnreadInfo("#general", 0, 0, 0, 0), new UnreadInfo("@Bob", second.id(), 0, 0, second.id())),
                unread(alice), "the peer shows in its registered spelling; the sender has read her own messages");
    }

    @Test
    void readingInOneSessionClearsTheOthersAndSurvivesLogin() throws Exception {
        TestClient alice = server.login("alice");
        TestClient phone = server.login("bob");
        TestClient desk = server.login("bob");
        ok(alice.request(new Request.Join(alice.nextId(), "#dev")));
        ok(phone.request(new Request.Join(phone.nextId(), "#dev")));
        send(alice, "#dev", "one");
        ChatMessage two = send(alice, "#dev", "two, @bob");
        assertEquals(new UnreadInfo("#dev", 0, 2, 1, two.id()), unread(desk).get(0));

        ok(phone.request(new Request.Read(phone.nextId(), "#dev", two.id())));
        assertEquals(new ServerMessage.ReadPush("#dev", two.id()), desk.await(ServerMessage.ReadPush.class));
        ServerMessage pushed;
        while ((pushed = phone.poll(Duration.ZERO)) != null) {
            assertFalse(pushed instanceof ServerMessage.ReadPush, "the reading session is answered, not pushed: " + pushed);
        }
        ok(phone.request(new Request.Read(phone.nextId(), "#dev", two.id() - 1)));
        try (TestClient laptop = server.login("bob")) {
            assertEquals(new UnreadInfo("#dev", two.id(), 0, 0, two.id()), unread(laptop).get(0),
                    "stored, and an older read did not move it back");
        }
    }

    @Test
    void badReadsAreRefusedWithTheirOwnCodes() throws Exception {
        TestClient alice = server.login("alice");
        TestClient bob = server.login("bob");
        ChatMessage hi = send(alice, "#general", "hi");
        ok(alice.request(new Request.Join(alice.nextId(), "#dev")));
        error(ErrorCode.NO_SUCH_MESSAGE, bob.request(new Request.Read("1", "#general", hi.id() + 1000)));
        error(ErrorCode.NO_SUCH_MESSAGE, bob.request(new Request.Read("2", "@alice", hi.id())));
        error(ErrorCode.BAD_REQUEST, bob.request(new Request.Read("3", "#general", 0)));
        error(ErrorCode.NOT_A_MEMBER, bob.request(new Request.Read("4", "#dev", hi.id())));
        error(ErrorCode.NO_SUCH_ROOM, bob.request(new Request.Read("5", "#nowhere", hi.id())));
        error(ErrorCode.NO_SUCH_USER, bob.request(new Request.Read("6", "@nobody", hi.id())));
        error(ErrorCode.BAD_REQUEST, bob.request(new Request.Read("7", "general", hi.id())));
        assertEquals(new UnreadInfo("#general", 0, 1, 0, hi.id()), unread(bob).get(0), "nothing refused was stored");
        try (TestClient anonymous = server.connect()) {
            error(ErrorCode.NOT_AUTHENTICATED, anonymous.request(new Request.Unread("8")));
            error(ErrorCode.NOT_AUTHENTICATED, anonymous.request(new Request.Read("9", "#general", hi.id())));
        }
    }
}
