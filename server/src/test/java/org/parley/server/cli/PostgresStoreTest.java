package org.parley.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.error;
import static org.parley.server.testing.Replies.ok;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.ExitCode;
import org.parley.server.testing.CommandProcess;
import org.parley.server.testing.MainProcess;
import org.parley.testing.launch.ServerLauncher.LaunchedServer;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestPostgres;
import org.parley.server.testing.TestServer;

/**
 * The server process on {@code --store postgresql://…} (a real PostgreSQL 15): chat as on SQLite, two nodes on one
 * database, and every way the option can be wrong answered with one line and an exit code.
 */
class PostgresStoreTest {
    private static final String CHEAP_HASH = "64,1,1";
    private static TestPostgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = TestPostgres.shared();
    }

    /** A node on {@code database}; the password comes from the environment, as an operator would give it. */
    private LaunchedServer node(String name, String database) throws Exception {
        return MainProcess.start(dir.resolve(name), dir.resolve(name + ".log"),
                Map.of(StoreOptions.PASSWORD_ENV, TestPostgres.PASSWORD), "--store", pg.urlWithoutPassword(database),
                "--node-id", name, "--hash-cost", CHEAP_HASH);
    }

    private static ServerMessage.Ok login(TestClient client, String user) throws Exception {
        TestServer.register(client, user);
        return ok(client.request(new Request.Login(client.nextId(), user, TestServer.PASSWORD)));
    }

    @Test
    void registerLoginRoomsSendHistoryAndResumeOnAnotherNode() throws Exception {
        String database = pg.createDatabase();
        String token;
        ChatMessage sent;
        try (LaunchedServer a = node("a", database)) {
            assertTrue(a.process().output().stream().anyMatch(l -> l.startsWith("Created database postgresql://postgres@127.0.0.1:")),
                    a.process().output().toString());
            TestClient alice = MainProcess.connect(a);
            token = login(alice, "alice").resume();
            TestClient bob = MainProcess.connect(a);
            login(bob, "bob");
            ok(alice.request(new Request.Join(alice.nextId(), "#Dev")));
            ok(bob.request(new Request.Join(bob.nextId(), "#dev")));
            sent = ok(alice.request(new Request.Send(alice.nextId(), "#dev", "hello dev", "key-1"))).msg();
            assertEquals(sent, bob.await(ServerMessage.MessagePush.class).msg(), "pushed to the other member");
            ChatMessage retried = ok(alice.request(new Request.Send(alice.nextId(), "#dev", "hello again", "key-1"))).msg();
            assertEquals(sent, retried, "a repeated key answers the original");
            ChatMessage dm = ok(bob.request(new Request.Send(bob.nextId(), "@Alice", "psst", null))).msg();
            assertEquals("@alice", dm.to());
            ServerMessage.History history = (ServerMessage.History) bob.request(
                    new Request.History(bob.nextId(), "#dev", null, null, 10));
            assertEquals(List.of(sent), history.messages(), "stored once");
            error(ErrorCode.USERNAME_TAKEN, bob.request(new Request.Register(bob.nextId(), "ALICE", TestServer.PASSWORD)));
        }
        try (LaunchedServer b = node("b", database)) {
            assertTrue(b.process().output().stream().noneMatch(l -> l.startsWith("Created database")), b.process().output().toString());
            TestClient alice = MainProcess.connect(b);
            ServerMessage.Ok resumed = ok(alice.request(new Request.Resume(alice.nextId(), token)));
            assertEquals("alice", resumed.user(), "the token issued by node a resumes on node b");
            ServerMessage.History caughtUp = (ServerMessage.History) alice.request(
                    new Request.History(alice.nextId(), "#dev", null, 0L, 10));
            assertEquals(List.of(sent), caughtUp.messages());
            ServerMessage.History dms = (ServerMessage.History) alice.request(
                    new Request.History(alice.nextId(), "@bob", null, null, 10));
            assertEquals(List.of("psst"), dms.messages().stream().map(ChatMessage::text).toList());
        }
    }

    @Test
    void everyStoreFaultIsOneLineAndItsExitCode() throws Exception {
        String database = pg.createDatabase();
        Path data = dir.resolve("data");
        expect(ExitCode.USAGE, "is not a URL like postgresql://HOST:PORT/DB", "--store", "mysql://x/y", "--data-dir", data.toString());
        expect(ExitCode.USAGE, "names no database", "--store", "postgresql://127.0.0.1:5432", "--data-dir", data.toString());
        expect(ExitCode.STORE_LOGIN_REFUSED, "refused the login",
                "--store", "postgresql://postgres:wrong@127.0.0.1:" + pg.port() + "/" + database, "--data-dir", data.toString());
        Path missing = dir.resolve("no-such-password-file");
        expect(ExitCode.USAGE, "cannot read --store-password-file " + missing, "--store", pg.urlWithoutPassword(database),
                "--store-password-file", missing.toString(), "--data-dir", data.toString());
        int closed;
        try (var socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        expect(ExitCode.STORE_UNREACHABLE, "connection refused",
                "--store", "postgresql://postgres:x@127.0.0.1:" + closed + "/" + database, "--data-dir", data.toString());
        expect(ExitCode.STORE_UNREACHABLE, "unknown host", "--store", "postgresql://postgres:x@no-such-host.invalid/parley",
                "--data-dir", data.toString());
        pg.execute(database, "CREATE TABLE wiki_pages(id INT)");
        Path passwordFile = dir.resolve("pg-password");
        Files.writeString(passwordFile, TestPostgres.PASSWORD + "\n");
        expect(ExitCode.STORE_FOREIGN, "holds tables that are not Parley's (public.wiki_pages)",
                "--store", pg.urlWithoutPassword(database), "--store-password-file", passwordFile.toString(),
                "--data-dir", data.toString());
    }

    @Test
    void busFaultsAreOneLineAndTheirExitCode() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Path single = dir.resolve("single");
        expect(ExitCode.USAGE, "--bus needs --store postgresql://", "--bus", "redis://127.0.0.1:" + closed,
                "--data-dir", single.toString());
        assertTrue(!Files.exists(single), "a refused --bus creates nothing");
        String database = pg.createDatabase();
        Path data = dir.resolve("data");
        expect(ExitCode.USAGE, "is not a URL like redis://", "--store", pg.url(database), "--bus",
                "127.0.0.1:6379", "--data-dir", data.toString());
        expect(ExitCode.BUS_UNREACHABLE, "Redis at redis://127.0.0.1:" + closed + " unreachable",
                "--store", pg.url(database), "--bus", "redis://127.0.0.1:" + closed, "--data-dir", data.toString());
    }

    private static void expect(ExitCode code, String says, String... args) throws Exception {
        CommandProcess.Result result = CommandProcess.run(args);
        assertEquals(code.code(), result.exit(), result.toString());
        List<String> errors = result.stderr().stream().filter(l -> l.startsWith("parley-server: ")).toList();
        assertEquals(1, errors.size(), result.toString());
        assertTrue(errors.get(0).contains(says), result.toString());
        assertTrue(result.stderr().stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")),
                "no stack trace: " + result);
        assertTrue(result.stderr().stream().noneMatch(l -> l.contains("wrong") || l.contains(TestPostgres.PASSWORD)),
                "no password echoed: " + result);
    }
}
