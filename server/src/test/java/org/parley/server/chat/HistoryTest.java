package org.parley.server.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.server.testing.Replies.error;
import static org.parley.server.testing.Replies.ok;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.ServerConfig;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.ServerTestBase;

/** History paging: newest page, paging back with before, catching up with after; oldest first always. */
class HistoryTest extends ServerTestBase {
    TestClient alice;

    @Override
    protected void configure(ServerConfig config) {
        config.flood(1000, 1000);
    }

    @BeforeEach
    void loginAlice() throws Exception {
        alice = server.login("alice");
    }

    private List<ChatMessage> page(TestClient c, String with, Long before, Long after, Integer limit) throws Exception {
        ServerMessage reply = c.request(new Request.History(c.nextId(), with, before, after, limit));
        return ((ServerMessage.History) reply).messages();
    }

    private List<ChatMessage> sendMany(TestClient c, String to, int count) throws Exception {
        List<ChatMessage> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(ok(c.request(new Request.Send(c.nextId(), to, "m" + i, null))).msg());
        }
        return sent;
    }

    @Test
    void pagesBackwardsAndForwards() throws Exception {
        List<ChatMessage> all = sendMany(alice, "#general", 25);
        assertEquals(all, page(alice, "#general", null, null, null), "default page holds everything here");
        List<ChatMessage> newest = page(alice, "#general", null, null, 10);
        assertEquals(all.subList(15, 25), newest);
        List<ChatMessage> older = page(alice, "#general", newest.get(0).id(), null, 10);
        assertEquals(all.subList(5, 15), older);
        assertEquals(all.subList(0, 5), page(alice, "#general", older.get(0).id(), null, 10));
        assertEquals(List.of(), page(alice, "#general", all.get(0).id(), null, 10));

        assertEquals(all.subList(5, 15), page(alice, "#general", null, all.get(4).id(), 10), "after: oldest first");
        assertEquals(all.subList(20, 25), page(alice, "#general", null, all.get(19).id(), 10));
        assertEquals(List.of(), page(alice, "#general", null, all.get(24).id(), 10));
        assertEquals(all.subList(6, 9), page(alice, "#general", all.get(9).id(), all.get(5).id(), 10), "both: between");
        assertEquals(all.subList(0, 1), page(alice, "#general", null, 0L, 1));
    }

    @Test
    void limitIsBounded() throws Exception {
        error(ErrorCode.BAD_REQUEST, alice.request(new Request.History("a", "#general", null, null, 0)));
        error(ErrorCode.BAD_REQUEST, alice.request(new Request.History("b", "#general", null, null, 201)));
        ok(alice.request(new Request.Join("c", "#big")));
        List<ChatMessage> all = sendMany(alice, "#big", 210);
        assertEquals(all.subList(10, 210), page(alice, "#big", null, null, 200));
    }

    @Test
    void privateHistoryIsSharedByBothSidesOnly() throws Exception {
        TestClient bob = server.login("bob");
        TestClient carol = server.login("carol");
        ChatMessage a = ok(alice.request(new Request.Send("1", "@bob", "hi bob", null))).msg();
        ChatMessage b = ok(bob.request(new Request.Send("2", "@alice", "hi alice", null))).msg();
        ok(carol.request(new Request.Send("3", "@alice", "hi from carol", null)));
        assertEquals(List.of(a, b), page(alice, "@bob", null, null, null));
        assertEquals(List.of(a, b), page(bob, "@Alice", null, null, null));
        assertEquals(1, page(carol, "@alice", null, null, null).size());
        assertEquals(List.of(), page(carol, "@bob", null, null, null));
        ChatMessage self = ok(alice.request(new Request.Send("4", "@alice", "note to self", null))).msg();
        assertEquals(List.of(self), page(alice, "@alice", null, null, null));
    }

    @Test
    void roomHistoryIsKeptWhenMembersComeAndGo() throws Exception {
        TestClient bob = server.login("bob");
        ok(alice.request(new Request.Join("1", "#ops")));
        List<ChatMessage> sent = sendMany(alice, "#ops", 3);
        ok(bob.request(new Request.Join("2", "#ops")));
        assertEquals(sent, page(bob, "#ops", null, null, null), "a new member sees the room's past");
        ok(bob.request(new Request.Leave("3", "#ops")));
        error(ErrorCode.NOT_A_MEMBER, bob.request(new Request.History("4", "#ops", null, null, null)));
    }
}
