package org.parley.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.error;
import static org.parley.server.testing.Replies.ok;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.RoomInfo;
import org.parley.protocol.ServerMessage;
import org.parley.server.ParleyServer;
import org.parley.server.ServerConfig;
import org.parley.server.store.Database;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.ServerTestBase;
import org.parley.server.testing.TestServer;

/** Every request type and the error codes each can produce, against a real server. */
class ProtocolTest extends ServerTestBase {

    @Override
    protected void configure(ServerConfig config) {
        // Flood control answers out of order by design; the ordering test must not trip it.
        config.flood(1000, 1000);
    }

    @Test
    void welcomeThenPingPong() throws Exception {
        TestClient c = TestClient.connect(server.server().address(), server.fingerprint());
        ServerMessage.Welcome welcome = c.await(ServerMessage.Welcome.class);
        assertEquals(3, welcome.protocol());
        assertTrue(welcome.server().startsWith("parley/"), welcome.server());
        assertEquals(new ServerMessage.Pong("p1"), c.request(new Request.Ping("p1")));
        c.close();
    }

    @Test
    void registerDoesNotLogInAndLogoutAllowsAnotherUser() throws Exception {
        TestClient c = server.connect();
        ok(c.request(new Request.Register("1", "alice", TestServer.PASSWORD)));
        error(ErrorCode.NOT_AUTHENTICATED, c.request(new Request.Users("2")));
        ServerMessage.Ok login = ok(c.request(new Request.Login("3", "ALICE", TestServer.PASSWORD)));
        assertEquals("alice", login.user(), "the registered spelling is returned");
        assertNotNull(login.resume());
        error(ErrorCode.BAD_REQUEST, c.request(new Request.Login("4", "alice", TestServer.PASSWORD)));
        assertEquals(new ServerMessage.Users("5", List.of("alice")), c.request(new Request.Users("5")));
        ok(c.request(new Request.Logout("6")));
        error(ErrorCode.NOT_AUTHENTICATED, c.request(new Request.Users("7")));
        ok(c.request(new Request.Register("8", "bob", TestServer.PASSWORD)));
        assertEquals("bob", ok(c.request(new Request.Login("9", "bob", TestServer.PASSWORD))).user());
        assertEquals(new ServerMessage.Users("10", List.of("bob")), c.request(new Request.Users("10")));
    }

    @Test
    void registrationIsValidated() throws Exception {
        TestClient c = server.connect();
        for (String bad : List.of("ab", "has space", "x".repeat(33), "émile", "semi;colon")) {
            error(ErrorCode.INVALID_USERNAME, c.request(new Request.Register(c.nextId(), bad, TestServer.PASSWORD)));
        }
        ok(c.request(new Request.Register(c.nextId(), "a_b.c-d", TestServer.PASSWORD)));
        error(ErrorCode.WEAK_PASSWORD, c.request(new Request.Register(c.nextId(), "carol", "1234567")));
        error(ErrorCode.WEAK_PASSWORD, c.request(new Request.Register(c.nextId(), "carol", "p".repeat(1025))));
        ok(c.request(new Request.Register(c.nextId(), "carol", "12345678")));
        error(ErrorCode.USERNAME_TAKEN, c.request(new Request.Register(c.nextId(), "CAROL", TestServer.PASSWORD)));
    }

    @Test
    void authFailureDoesNotRevealWhetherTheUserExists() throws Exception {
        TestClient c = server.connect();
        TestServer.register(c, "alice");
        ServerMessage.Error wrong = error(ErrorCode.AUTH_FAILED, c.request(new Request.Login("1", "alice", "wrong password")));
        ServerMessage.Error unknown = error(ErrorCode.AUTH_FAILED, c.request(new Request.Login("2", "nobody", "wrong password")));
        assertEquals(wrong.message(), unknown.message());
    }

    @Test
    void everyChatRequestNeedsALogin() throws Exception {
        TestClient c = server.connect();
        List<Request> requests = List.of(new Request.Logout("1"), new Request.Users("2"), new Request.Rooms("3"),
                new Request.Join("4", "#x"), new Request.Leave("5", "#x"), new Request.Send("6", "#general", "hi", null),
                new Request.History("7", "#general", null, null, null));
        for (Request r : requests) {
            error(ErrorCode.NOT_AUTHENTICATED, c.request(r));
        }
    }

    @Test
    void malformedFramesAreAnsweredAndTheConnectionStaysUsable() throws Exception {
        TestClient c = server.connect();
        c.sendRaw("{not json");
        assertNull(c.await(ServerMessage.Error.class, e -> e.code() == ErrorCode.BAD_REQUEST).re());
        c.sendRaw("{\"type\":\"login\",\"id\":\"k1\",\"username\":\"alice\"}");
        c.sendRaw("{\"type\":\"dance\",\"id\":\"k2\"}");
        c.sendRaw("[]");
        assertEquals(ErrorCode.UNKNOWN_TYPE, c.await(ServerMessage.Error.class, e -> e.code() == ErrorCode.UNKNOWN_TYPE).code());
        assertEquals(new ServerMessage.Pong("after"), c.request(new Request.Ping("after")));
    }

    @Test
    void roomsJoinLeaveAndTheirErrors() throws Exception {
        TestClient alice = server.login("alice");
        TestClient bob = server.login("bob");
        ok(alice.request(new Request.Join("1", "#Dev")));
        ok(alice.request(new Request.Join("2", "#dev")));
        assertEquals(List.of(new RoomInfo("#dev", 1, true), new RoomInfo("#general", 2, true)),
                ((ServerMessage.Rooms) alice.request(new Request.Rooms("3"))).rooms());
        assertEquals(List.of(new RoomInfo("#dev", 1, false), new RoomInfo("#general", 2, true)),
                ((ServerMessage.Rooms) bob.request(new Request.Rooms("4"))).rooms());
        error(ErrorCode.NOT_A_MEMBER, bob.request(new Request.Send("5", "#dev", "hi", null)));
        error(ErrorCode.NOT_A_MEMBER, bob.request(new Request.History("6", "#dev", null, null, null)));
        error(ErrorCode.NOT_A_MEMBER, bob.request(new Request.Leave("7", "#dev")));
        error(ErrorCode.NO_SUCH_ROOM, bob.request(new Request.Leave("8", "#nowhere")));
        error(ErrorCode.NO_SUCH_ROOM, bob.request(new Request.Send("9", "#nowhere", "hi", null)));
        error(ErrorCode.BAD_REQUEST, bob.request(new Request.Leave("10", "#general")));
        error(ErrorCode.BAD_REQUEST, bob.request(new Request.Join("11", "#bad name")));
        error(ErrorCode.BAD_REQUEST, bob.request(new Request.Join("12", "#" + "x".repeat(65))));
        error(ErrorCode.BAD_REQUEST, bob.request(new Request.Send("13", "general", "hi", null)));
        ok(alice.request(new Request.Leave("14", "#dev")));
        assertEquals(new RoomInfo("#dev", 0, false), ((ServerMessage.Rooms) alice.request(new Request.Rooms("15"))).rooms().get(0));
    }

    @Test
    void sendReachesEveryRecipientSessionButNotOutsiders() throws Exception {
        TestClient alice = server.login("alice");
        TestClient alice2 = server.login("alice");
        TestClient bob = server.login("bob");
        TestClient carol = server.login("carol");
        ServerMessage.Ok sent = ok(alice.request(new Request.Send("1", "#general", "hello all", null)));
        assertEquals("alice", sent.msg().from());
        assertEquals("#general", sent.msg().to());
        for (TestClient other : List.of(alice2, bob, carol)) {
            assertEquals(sent.msg(), other.await(ServerMessage.MessagePush.class).msg());
        }
        ServerMessage.Ok dm = ok(alice.request(new Request.Send("2", "@BOB", "psst", null)));
        assertEquals("@bob", dm.msg().to());
        assertEquals(dm.msg(), bob.await(ServerMessage.MessagePush.class).msg());
        assertEquals(dm.msg(), alice2.await(ServerMessage.MessagePush.class).msg());
        // Pushes arrive in id order, so the next push being the marker proves what came (not) before it.
        ok(alice.request(new Request.Send("3", "#general", "marker", null)));
        assertEquals("marker", carol.await(ServerMessage.MessagePush.class).msg().text(), "carol saw no private message");
        ok(carol.request(new Request.Send("3b", "#general", "from carol", null)));
        assertEquals("from carol", alice.await(ServerMessage.MessagePush.class).msg().text(), "own sends are not pushed back");
        error(ErrorCode.NO_SUCH_USER, alice.request(new Request.Send("4", "@nobody", "hi", null)));
        error(ErrorCode.NO_SUCH_USER, alice.request(new Request.History("5", "@nobody", null, null, null)));
        error(ErrorCode.BAD_REQUEST, alice.request(new Request.Send("6", "#general", "", null)));
    }

    @Test
    void aRoomMessageReachesEverySessionOfEveryMemberAndNobodyElse() throws Exception {
        TestClient alice = server.login("alice");
        TestClient bob = server.login("bob");
        TestClient bob2 = server.login("bob");
        TestClient carol = server.login("carol");
        ok(alice.request(new Request.Join("j1", "#dev")));
        ok(bob.request(new Request.Join("j2", "#dev")));
        ServerMessage.Ok sent = ok(alice.request(new Request.Send("1", "#dev", "to the room", null)));
        assertEquals(sent.msg(), bob.await(ServerMessage.MessagePush.class).msg());
        assertEquals(sent.msg(), bob2.await(ServerMessage.MessagePush.class).msg(), "membership is per user, not per session");

        // A member's session that logs in after joining is a recipient too, and one going away meanwhile does not
        // disturb the others.
        TestClient bob3 = server.login("bob");
        bob2.abort();
        ServerMessage.Ok second = ok(bob.request(new Request.Send("2", "#dev", "second", null)));
        assertEquals(second.msg(), alice.await(ServerMessage.MessagePush.class).msg());
        assertEquals(second.msg(), bob3.await(ServerMessage.MessagePush.class).msg());

        ok(alice.request(new Request.Send("3", "#general", "marker", null)));
        assertEquals("marker", carol.await(ServerMessage.MessagePush.class).msg().text(), "carol is not in #dev");
    }

    @Test
    void textLimitCountsCharactersNotBytes() throws Exception {
        TestClient alice = server.login("alice");
        String emoji = "\uD83D\uDE00";
        ok(alice.request(new Request.Send("1", "#general", emoji.repeat(4000), null)));
        error(ErrorCode.TOO_LARGE, alice.request(new Request.Send("2", "#general", "x".repeat(4001), null)));
        assertEquals(new ServerMessage.Pong("3"), alice.request(new Request.Ping("3")));
    }

    @Test
    void idempotentSendReturnsTheOriginal() throws Exception {
        TestClient alice = server.login("alice");
        TestClient bob = server.login("bob");
        ServerMessage.Ok first = ok(alice.request(new Request.Send("1", "#general", "once", "k-1")));
        ServerMessage.Ok retry = ok(alice.request(new Request.Send("2", "#general", "once", "k-1")));
        assertEquals(first.msg(), retry.msg());
        ServerMessage.Ok bobs = ok(bob.request(new Request.Send("3", "#general", "same key, other sender", "k-1")));
        assertFalse(bobs.msg().id() == first.msg().id(), "keys are scoped per sender");
        ServerMessage.History history = (ServerMessage.History) bob.request(new Request.History("4", "#general", null, null, null));
        assertEquals(List.of(first.msg(), bobs.msg()), history.messages());
        error(ErrorCode.BAD_REQUEST, alice.request(new Request.Send("5", "#general", "x", "k".repeat(129))));
    }

    @Test
    void resumeRotatesTheTokenAndLogoutRevokesIt() throws Exception {
        TestClient first = server.login("alice");
        first.close();
        TestClient c = server.connect();
        ServerMessage.Ok login = ok(c.request(new Request.Login("1", "alice", TestServer.PASSWORD)));
        c.close();

        TestClient second = server.connect();
        ServerMessage.Ok resumed = ok(second.request(new Request.Resume("2", login.resume())));
        assertEquals("alice", resumed.user());
        assertFalse(resumed.resume().equals(login.resume()));
        second.close();

        TestClient third = server.connect();
        error(ErrorCode.AUTH_FAILED, third.request(new Request.Resume("3", login.resume())));
        ok(third.request(new Request.Resume("4", resumed.resume())));
        ok(third.request(new Request.Logout("5")));
        error(ErrorCode.AUTH_FAILED, third.request(new Request.Resume("6", resumed.resume())));
        error(ErrorCode.AUTH_FAILED, third.request(new Request.Resume("7", "garbage")));
    }

    @Test
    void pipelinedRequestsAreAnsweredInRequestOrder() throws Exception {
        TestClient alice = server.login("alice");
        List<Request> burst = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            burst.add(new Request.Send("q-s" + i, "#general", "m" + i, null));
            burst.add(new Request.History("q-h" + i, "#general", null, null, 5));
            burst.add(new Request.Join("q-j" + i, "#room" + i));
            burst.add(new Request.Rooms("q-r" + i));
            burst.add(new Request.Send("q-x" + i, "#nowhere", "refused", null));
        }
        List<CompletableFuture<ServerMessage>> replies = new ArrayList<>();
        for (Request r : burst) {
            replies.add(alice.send(r));
        }
        long lastId = 0;
        for (int i = 0; i < burst.size(); i++) {
            ServerMessage reply = replies.get(i).get();
            if (reply instanceof ServerMessage.Ok ok && ok.msg() != null) {
                assertTrue(ok.msg().id() > lastId, "acks in id order");
                lastId = ok.msg().id();
            }
            if (reply instanceof ServerMessage.History h) {
                assertEquals("m" + (i / 5), h.messages().get(h.messages().size() - 1).text(),
                        "history sees every send queued before it");
            }
        }
        List<String> expected = burst.stream().map(Request::id).toList();
        List<String> arrived = alice.replyOrder().stream().filter(expected::contains).toList();
        assertEquals(expected, arrived);
    }

    @Test
    void databaseFailureIsReportedAsInternalAndTheServerCarriesOn() throws Exception {
        TestClient alice = server.login("alice");
        ok(alice.request(new Request.Send("1", "#general", "before", null)));
        try (Connection sabotage = Database.connect(dir.resolve(ParleyServer.DATABASE_FILE));
             Statement s = sabotage.createStatement()) {
            s.execute("ALTER TABLE messages RENAME TO messages_gone");
        }
        error(ErrorCode.INTERNAL, alice.request(new Request.Send("2", "#general", "during", null)));
        error(ErrorCode.INTERNAL, alice.request(new Request.History("3", "#general", null, null, null)));
        assertEquals(new ServerMessage.Pong("4"), alice.request(new Request.Ping("4")));
        assertInstanceOf(ServerMessage.Rooms.class, alice.request(new Request.Rooms("5")));
    }
}
