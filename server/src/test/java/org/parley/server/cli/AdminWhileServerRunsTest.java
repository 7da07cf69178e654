package org.parley.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.ok;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.Request;
import org.parley.server.ExitCode;
import org.parley.server.ParleyServer;
import org.parley.server.backup.BackupRequests;
import org.parley.server.store.Database;
import org.parley.server.testing.CommandProcess;
import org.parley.server.testing.MainProcess;
import org.parley.server.testing.TestClient;
import org.parley.testing.launch.ServerLauncher.LaunchedServer;
import org.parley.server.testing.TestServer;

/**
 * A running server holds its database exclusively: the admin commands, run as their own processes, say so
 * in one line with their own exit code, and work again once it has stopped. ({@code backup} asks the running
 * server instead: OnlineBackupTest.)
 */
class AdminWhileServerRunsTest {
    @TempDir
    Path dir;

    @Test
    void adminCommandsRefuseInOneLineWhileTheServerRunsAndWorkAfterwards() throws Exception {
        Path data = dir.resolve("data");
        Path copy = dir.resolve("copy.db");
        try (LaunchedServer server = MainProcess.start(data, dir.resolve("server.log"), Map.of(),
                "--hash-cost", "64,1,1")) {
            TestClient alice = MainProcess.connect(server);
            TestServer.register(alice, "alice");
            ok(alice.request(new Request.Login(alice.nextId(), "alice", TestServer.PASSWORD)));
            for (String[] admin : new String[][] {
                {"users", "list", "--data-dir", data.toString()},
                {"users", "delete", "alice", "--data-dir", data.toString()}}) {
                CommandProcess.Result run = CommandProcess.run(admin);
                assertEquals(ExitCode.DATABASE_IN_USE.code(), run.exit(), run.toString());
                assertEquals(1, run.stderr().size(), run.toString());
                assertTrue(run.stderr().get(0).contains("held by another process: a running server"), run.toString());
            }
            ok(alice.request(new Request.Send("1", "#general", "the server is unaffected", null)));
            assertEquals(143, MainProcess.terminate(server));
        }
        CommandProcess.Result list = CommandProcess.run("users", "list", "--data-dir", data.toString());
        assertEquals(new CommandProcess.Result(0, List.of("alice"), List.of()), list);
        CommandProcess.Result backup = CommandProcess.run("backup", copy.toString(), "--data-dir", data.toString());
        assertEquals(0, backup.exit(), backup.toString());
        assertTrue(Files.size(copy) > 0);
    }

    @Test
    void backupRefusesInOneLineWhenWhatHoldsTheDatabaseIsNoServerTakingRequests() throws Exception {
        Path data = dir.resolve("data");
        Path copy = dir.resolve("copy.db");
        try (TestServer server = TestServer.start(data)) {
            server.login("alice");
        }
        Files.delete(data.resolve(BackupRequests.DIRECTORY)); // as left by a server from before online backups
        try (Connection holder = Database.connect(data.resolve(ParleyServer.DATABASE_FILE))) {
            CommandProcess.Result run = CommandProcess.run("backup", copy.toString(), "--data-dir", data.toString());
            assertEquals(ExitCode.DATABASE_IN_USE.code(), run.exit(), run.toString());
            assertEquals(1, run.stderr().size(), run.toString());
            assertFalse(Files.exists(copy), "no half-made backup is left behind");
        }
    }

    @Test
    void backupGivesUpAfterItsTimeoutAndWithdrawsTheRequestNobodyTook() throws Exception {
        Path data = dir.resolve("data");
        try (TestServer server = TestServer.start(data)) {
            server.login("alice");
        }
        // The request directory is there (a server ran), but what holds the database now takes no requests.
        try (Connection holder = Database.connect(data.resolve(ParleyServer.DATABASE_FILE))) {
            CommandProcess.Result run = CommandProcess.run("backup", dir.resolve("copy.db").toString(),
                    "--timeout", "1", "--data-dir", data.toString());
            assertEquals(ExitCode.BACKUP_TIMED_OUT.code(), run.exit(), run.toString());
            assertEquals(1, run.stderr().size(), run.toString());
            assertTrue(run.stderr().get(0).contains("did not take the backup request within 1 s"), run.toString());
            try (var left = Files.list(data.resolve(BackupRequests.DIRECTORY))) {
                assertEquals(0, left.count(), "no later start copies behind the operator's back");
            }
        }
    }
}
