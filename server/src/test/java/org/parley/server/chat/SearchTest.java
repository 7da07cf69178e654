package org.parley.server.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.error;
import static org.parley.server.testing.Replies.ok;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Limits;
import org.parley.protocol.Request;
import org.parley.protocol.SearchHit;
import org.parley.protocol.ServerMessage;
import org.parley.server.ServerConfig;
import org.parley.server.testing.ServerTestBase;
import org.parley.server.testing.TestClient;

/** search over the wire: what a user may read, paging, refusals, and opening a result with history. */
class SearchTest extends ServerTestBase {

    @Override
    protected void configure(ServerConfig config) {
        config.flood(1000, 1000);
    }

    private static ChatMessage send(TestClient c, String to, String text) throws Exception {
        return ok(c.request(new Request.Send(c.nextId(), to, text, null))).msg();
    }

    private static ServerMessage.Search search(TestClient c, String query, String with, Long before, Integer limit)
            throws Exception {
        return (ServerMessage.Search) c.request(new Request.Search(c.nextId(), query, with, before, limit));
    }

    @Test
    void findsWhatTheUserMayReadAndPagesNewestFirst() throws Exception {
        TestClient alice = server.login("Alice");
        TestClient bob = server.login("bob");
        TestClient carol = server.login("carol");
        ChatMessage general = send(alice, "#general", "deploy on friday");
        ChatMessage dm = send(alice, "@bob", "the Deploy key is in the vault");
        ok(carol.request(new Request.Join(carol.nextId(), "#ops")));
        send(carol, "#ops", "deploy broke");
        send(carol, "@alice", "deploy gossip");

        ServerMessage.Search page = search(bob, "DEPLOY", null, null, 1);
        assertEquals(List.of(new SearchHit("@Alice", dm)), page.results(), "the peer in its registered spelling");
        assertTrue(page.hasMore());
        ServerMessage.Search next = search(bob, "deploy", null, dm.id(), 1);
        assertEquals(List.of(new SearchHit("#general", general)), next.results());
        assertEquals(null, next.more(), "no room bob is not in, no one else's private conversation");
        assertEquals(List.of(new SearchHit("#general", general)), search(bob, "deploy", "#general", null, null).results());
    }

    @Test
    void aResultOpensWithHistoryAroundItsId() throws Exception {
        TestClient alice = server.login("alice");
        for (int i = 0; i < 5; i++) {
            send(alice, "#general", "filler " + i);
        }
        ChatMessage hit = send(alice, "#general", "the needle");
        for (int i = 0; i < 5; i++) {
            send(alice, "#general", "after " + i);
        }
        long id = search(alice, "needle", null, null, null).results().get(0).msg().id();
        List<ChatMessage> atAndAfter = ((ServerMessage.History) alice.request(
                new Request.History(alice.nextId(), "#general", null, id - 1, 3))).messages();
        List<ChatMessage> before = ((ServerMessage.History) alice.request(
                new Request.History(alice.nextId(), "#general", id, null, 3))).messages();
        assertEquals(hit, atAndAfter.get(0), "after: id - 1 starts the page at the match (ids are positive integers)");
        assertEquals(List.of("filler 2", "filler 3", "filler 4"), before.stream().map(ChatMessage::text).toList());
    }

    @Test
    void badQueriesAreRefusedWithTheirOwnCodesNeverInternal() throws Exception {
        TestClient alice = server.login("alice");
        send(alice, "#general", "quote \" and star *");
        for (String query : List.of("\"", "* OR", "NEAR(a b", "a AND \"b")) {
            ServerMessage reply = alice.request(new Request.Search(alice.nextId(), query, null, null, null));
            assertTrue(reply instanceof ServerMessage.Search
                    || reply instanceof ServerMessage.Error e && e.code() == ErrorCode.BAD_REQUEST, query + ": " + reply);
        }
        error(ErrorCode.BAD_REQUEST, alice.request(new Request.Search("1", "\" * ( )", null, null, null)));
        error(ErrorCode.TOO_LARGE, alice.request(new Request.Search("2", "a".repeat(Limits.MAX_SEARCH_QUERY_CHARS + 1), null, null, null)));
        error(ErrorCode.BAD_REQUEST, alice.request(new Request.Search("3", "quote", null, null, 0)));
        error(ErrorCode.BAD_REQUEST, alice.request(new Request.Search("4", "quote", null, null, Limits.MAX_SEARCH_LIMIT + 1)));
        error(ErrorCode.NO_SUCH_ROOM, alice.request(new Request.Search("5", "quote", "#nope", null, null)));
        error(ErrorCode.NO_SUCH_USER, alice.request(new Request.Search("6", "quote", "@nobody", null, null)));
    }
}
