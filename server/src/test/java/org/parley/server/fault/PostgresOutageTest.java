package org.parley.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.error;
import static org.parley.server.testing.Replies.ok;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.testing.MainProcess;
import org.parley.testing.launch.ServerLauncher.LaunchedServer;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestPostgres;
import org.parley.server.testing.TestServer;

/**
 * PostgreSQL stopped under a running server process and started again: what needs the database is refused as
 * retryable ({@code UNAVAILABLE}, nothing stored), what does not goes on, and the node recovers without a restart.
 */
class PostgresOutageTest {
    @TempDir
    Path dir;

    private static ServerMessage.Ok login(TestClient client, String user) throws Exception {
        TestServer.register(client, user);
        return ok(client.request(new Request.Login(client.nextId(), user, TestServer.PASSWORD)));
    }

    @Test
    void sendsAndLoginsAreRefusedRetryablyWhileItIsDownAndWorkAgainOnceItIsBack() throws Exception {
        try (TestPostgres pg = TestPostgres.start()) { // fsync on: this checks what is stored across a restart
            String database = pg.createDatabase();
            try (LaunchedServer server = MainProcess.start(dir.resolve("data"), dir.resolve("server.log"), Map.of(),
                    "--store", pg.url(database), "--hash-cost", "64,1,1",
                    "--flood-burst", "1000000", "--flood-rate", "1000000")) { // the retries below are not a flood
                TestClient alice = MainProcess.connect(server);
                login(alice, "alice");
                TestClient bob = MainProcess.connect(server);
                login(bob, "bob");
                ok(alice.request(new Request.Send(alice.nextId(), "#general", "before", "k-before")));

                pg.stop();
                try {
                    ServerMessage.Error refused = error(ErrorCode.UNAVAILABLE,
                            alice.request(new Request.Send(alice.nextId(), "#general", "during", "k-during")));
                    assertTrue(refused.message().contains("nothing was done"), refused.message());
                    TestClient carol = MainProcess.connect(server);
                    ServerMessage.Error login = error(ErrorCode.UNAVAILABLE,
                            carol.request(new Request.Login(carol.nextId(), "alice", TestServer.PASSWORD)));
                    assertTrue(login.message().contains("retry later"), login.message());
                    error(ErrorCode.UNAVAILABLE, bob.request(new Request.History(bob.nextId(), "#general", null, null, 10)));
                    // What lives in memory goes on: the connection, presence, the room list.
                    assertInstanceOf(ServerMessage.Pong.class, bob.request(new Request.Ping(bob.nextId())));
                    assertEquals(List.of("alice", "bob"), ((ServerMessage.Users) bob.request(
                            new Request.Users(bob.nextId()))).online());
                } finally {
                    pg.restart();
                }

                // As the client's outbox does: retry with the same key while the answer is UNAVAILABLE. The pool
                // reconnects by itself, backing off up to 5 s between attempts while the database was away.
                ServerMessage retry;
                int attempts = 0;
                do {
                    retry = alice.request(new Request.Send(alice.nextId(), "#general", "during", "k-during"));
                    attempts++;
                } while (retry instanceof ServerMessage.Error e && e.code() == ErrorCode.UNAVAILABLE && attempts < 30);
                ChatMessage during = ok(retry).msg();
                assertEquals(during, bob.await(ServerMessage.MessagePush.class, p -> p.msg().text().equals("during")).msg(),
                        "the retry after the outage is stored and pushed");
                List<String> history = ((ServerMessage.History) bob.request(
                        new Request.History(bob.nextId(), "#general", null, null, 10))).messages().stream()
                        .map(ChatMessage::text).toList();
                assertEquals(List.of("before", "during"), history, "the refused send was not stored; its retry once");
                TestClient again = MainProcess.connect(server);
                assertEquals("alice", login(again, "alice").user(), "logins work again, no restart");
            }
        }
    }
}
