package org.parley.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.ok;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.ExitCode;
import org.parley.server.testing.CommandProcess;
import org.parley.server.testing.MainProcess;
import org.parley.testing.launch.ServerLauncher.LaunchedServer;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestPostgres;
import org.parley.server.testing.TestServer;

/** {@code parley-server migrate}: a SQLite deployment moves into PostgreSQL and its users carry on as before. */
class MigrateCommandTest {
    @TempDir
    Path dir;

    @Test
    void copiesEverythingOnceAndUsersCarryOnOnPostgresql() throws Exception {
        Path data = dir.resolve("data");
        List<ChatMessage> general = new ArrayList<>();
        ChatMessage dm;
        String token;
        // Flood control lifted: 30 sends in a row would pass its burst on a fast machine.
        try (TestServer sqlite = TestServer.start(data, config -> config.flood(1_000_000, 1_000_000))) {
            TestClient alice = sqlite.login("alice");
            TestClient bob = sqlite.login("bob");
            ok(alice.request(new Request.Join(alice.nextId(), "#dev")));
            for (int i = 0; i < 30; i++) {
                general.add(ok(alice.request(new Request.Send(alice.nextId(), "#general", "m" + i, "key-" + i))).msg());
            }
            dm = ok(bob.request(new Request.Send(bob.nextId(), "@alice", "psst", null))).msg();
            TestClient again = sqlite.connect();
            token = ok(again.request(new Request.Login(again.nextId(), "alice", TestServer.PASSWORD))).resume();
        }
        try (TestPostgres pg = TestPostgres.start(true)) {
            String database = pg.createDatabase();
            CommandProcess.Result migrated = CommandProcess.run("migrate", "--from", data.toString(), "--to", pg.url(database));
            assertEquals(0, migrated.exit(), migrated.toString());
            assertEquals(List.of("copied " + data.resolve("parley.db") + " to " + pg.urlWithoutPassword(database)
                    + ": users 2 rooms 2 room_members 1 messages 31 resume_tokens 3 read_markers 5 mentions 0 (counts checked)"), migrated.stdout());

            CommandProcess.Result twice = CommandProcess.run("migrate", "--from", data.toString(), "--to", pg.url(database));
            assertEquals(ExitCode.MIGRATE_TARGET_NOT_EMPTY.code(), twice.exit(), twice.toString());
            assertEquals(1, twice.stderr().size(), twice.toString());
            assertTrue(twice.stderr().get(0).contains("already holds Parley data"), twice.toString());

            try (LaunchedServer server = MainProcess.start(dir.resolve("node"), dir.resolve("node.log"), Map.of(),
                    "--store", pg.url(database), "--hash-cost", "64,1,1")) {
                TestClient resumed = MainProcess.connect(server);
                assertEquals("alice", ok(resumed.request(new Request.Resume(resumed.nextId(), token))).user(),
                        "a token issued on SQLite resumes on PostgreSQL");
                TestClient bob = MainProcess.connect(server);
                ok(bob.request(new Request.Login(bob.nextId(), "bob", TestServer.PASSWORD))); // the copied hash
                ServerMessage.History history = (ServerMessage.History) bob.request(
                        new Request.History(bob.nextId(), "#general", null, 0L, 200));
                assertEquals(general, history.messages(), "same ids, texts, senders and times");
                ServerMessage.History dms = (ServerMessage.History) bob.request(
                        new Request.History(bob.nextId(), "@alice", null, null, 10));
                assertEquals(List.of(dm), dms.messages());
                ChatMessage retry = ok(resumed.request(new Request.Send(resumed.nextId(), "#general", "again", "key-7"))).msg();
                assertEquals(general.get(7), retry, "idempotency keys came along");
                ChatMessage fresh = ok(resumed.request(new Request.Send(resumed.nextId(), "#general", "new", null))).msg();
                assertTrue(fresh.id() > dm.id(), "new ids continue after the copied ones: " + fresh.id());
                ok(resumed.request(new Request.Send(resumed.nextId(), "#dev", "membership came along", null)));
            }
        }
    }

    @Test
    void aMissingSourceIsOneLine() throws Exception {
        CommandProcess.Result result = CommandProcess.run("migrate", "--from", dir.resolve("nothing").toString(), "--to",
                "postgresql://127.0.0.1/parley");
        assertEquals(ExitCode.NO_DATABASE.code(), result.exit(), result.toString());
        assertEquals(1, result.stderr().size(), result.toString());
    }
}
