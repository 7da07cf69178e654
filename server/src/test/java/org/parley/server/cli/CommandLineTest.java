package org.parley.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.error;
import static org.parley.server.testing.Replies.ok;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.ExitCode;
import org.parley.server.ParleyServer;
import org.parley.server.store.Database;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;

/** The admin subcommands against a data directory a real server has written. */
class CommandLineTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.commandLine().execute(args);
            return new Run(exit, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    @BeforeEach
    void populate() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            TestClient alice = server.login("alice");
            server.login("Bob");
            ok(alice.request(new Request.Send("1", "@bob", "private", null)));
            ok(alice.request(new Request.Send("2", "#general", "public", null)));
        }
    }

    @Test
    void usersListAndDelete() throws Exception {
        assertEquals(new Run(0, "alice\nBob\n"), run("users", "list", "--data-dir", dir.toString()));
        assertEquals(0, run("users", "delete", "bob", "--data-dir", dir.toString()).exit());
        assertEquals(new Run(0, "alice\n"), run("users", "list", "--data-dir", dir.toString()));
        assertEquals(1, run("users", "delete", "bob", "--data-dir", dir.toString()).exit());
        try (TestServer server = TestServer.start(dir)) {
            TestClient alice = server.login("alice");
            error(ErrorCode.NO_SUCH_USER, alice.request(new Request.Send("1", "@bob", "hello?", null)));
            TestClient newBob = server.login("bob");
            assertEquals(0, ((ServerMessage.History) newBob.request(
                    new Request.History("h", "@alice", null, null, null))).messages().size(),
                    "a new account with a deleted one's name inherits no private history");
        }
    }

    @Test
    void deletingAUserLeavesAnotherWhoseNameItsUnderscoreWouldMatch() throws Exception {
        // '_' is a LIKE wildcard: deleting "a_c" once deleted every private message of "abc" too.
        try (TestServer server = TestServer.start(dir)) {
            server.login("a_c");
            TestClient abc = server.login("abc");
            TestClient zed = server.login("zed");
            ok(abc.request(new Request.Send("k1", "@zed", "kept", null)));
            ok(zed.request(new Request.Send("k2", "@abc", "kept too", null)));
        }
        assertEquals(0, run("users", "delete", "a_c", "--data-dir", dir.toString()).exit());
        try (TestServer server = TestServer.start(dir)) {
            TestClient abc = server.login("abc");
            assertEquals(2, ((ServerMessage.History) abc.request(
                    new Request.History("h", "@zed", null, null, null))).messages().size(),
                    "abc's private conversation with zed survives the deletion of a_c");
        }
    }

    @Test
    void backupIsACompleteCopy() throws Exception {
        Path copy = dir.resolve("backup.db");
        Run backup = run("backup", copy.toString(), "--data-dir", dir.toString());
        assertEquals(0, backup.exit(), backup.out());
        try (Connection c = Database.connect(copy); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM messages")) {
            rs.next();
            assertEquals(2, rs.getInt(1), "the two messages sent in setUp");
        }
    }

    @Test
    void adminCommandsRefuseAMissingDatabase() {
        Path nowhere = dir.resolve("nowhere");
        assertEquals(ExitCode.NO_DATABASE.code(), run("users", "list", "--data-dir", nowhere.toString()).exit());
        assertEquals(ExitCode.NO_DATABASE.code(),
                run("backup", dir.resolve("x.db").toString(), "--data-dir", nowhere.toString()).exit());
    }

    @Test
    void adminCommandsRefuseAnEmptyDatabaseFileAndLeaveItEmpty() throws Exception {
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        Files.createFile(empty.resolve(ParleyServer.DATABASE_FILE));
        assertEquals(ExitCode.DATABASE_EMPTY.code(), run("users", "list", "--data-dir", empty.toString()).exit());
        assertEquals(0, Files.size(empty.resolve(ParleyServer.DATABASE_FILE)), "not turned into an empty database");
    }

    @Test
    void helpDocumentsTheOptions() {
        Run help = run("--help");
        assertEquals(0, help.exit());
        for (String option : new String[] {"--bind", "--port", "--data-dir", "--keystore", "--keystore-password", "users", "backup"}) {
            assertTrue(help.out().contains(option), option);
        }
        for (ExitCode code : ExitCode.values()) {
            assertTrue(help.out().contains(String.format("%3d   %s", code.code(), code.meaning())), code.name());
        }
    }
}
