package org.parley.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.ok;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.Request;
import org.parley.server.ExitCode;
import org.parley.server.testing.CommandProcess;
import org.parley.server.testing.MainProcess;
import org.parley.server.testing.TestClient;
import org.parley.testing.launch.ServerLauncher.LaunchedServer;
import org.parley.server.testing.TestServer;

/**
 * {@code backup FILE} while the server runs (it holds the database exclusively): the server makes the copy
 * and the command reports it, as separate processes over the real command line, with chat going on.
 */
class OnlineBackupTest {
    private static final int MESSAGES_BEFORE = 200;

    @TempDir
    Path dir;

    private static TestClient login(LaunchedServer server, String user) throws Exception {
        TestClient client = MainProcess.connect(server);
        TestServer.register(client, user);
        ok(client.request(new Request.Login(client.nextId(), user, TestServer.PASSWORD)));
        return client;
    }

    @Test
    void theRunningServerWritesAConsistentOwnerOnlyBackupWhileChatGoesOn() throws Exception {
        Path data = dir.resolve("data");
        Path copy = dir.resolve("nightly").resolve("copy.db");
        Files.createDirectories(copy.getParent());
        try (LaunchedServer server = MainProcess.start(data, dir.resolve("server.log"), Map.of(),
                "--hash-cost", "64,1,1", "--flood-burst", "1000000", "--flood-rate", "1000000")) {
            TestClient alice = login(server, "alice");
            Set<Long> acknowledged = new HashSet<>();
            for (int i = 0; i < MESSAGES_BEFORE; i++) {
                acknowledged.add(ok(alice.request(new Request.Send(alice.nextId(), "#general", "before " + i, null))).msg().id());
            }
            // The writer keeps committing while the copy is made: the backup must still be one consistent snapshot.
            TestClient bob = login(server, "bob");
            AtomicBoolean backingUp = new AtomicBoolean(true);
            CompletableFuture<Integer> during = CompletableFuture.supplyAsync(() -> {
                int sent = 0;
                try {
                    while (backingUp.get() && sent < 100_000) {
                        ok(bob.request(new Request.Send(bob.nextId(), "#general", "during " + sent, null)));
                        sent++;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return sent;
            });
            CommandProcess.Result backup = CommandProcess.run("backup", copy.toString(), "--data-dir", data.toString());
            backingUp.set(false);
            during.get(60, TimeUnit.SECONDS);

            assertEquals(ExitCode.OK.code(), backup.exit(), backup.toString());
            assertEquals(1, backup.stdout().size(), backup.toString());
            assertTrue(backup.stdout().get(0).startsWith("backed up "), backup.toString());
            assertTrue(backup.stderr().isEmpty(), backup.toString());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                    rs.next();
                    assertEquals("ok", rs.getString(1));
                }
                Set<String> users = new HashSet<>();
                try (ResultSet rs = s.executeQuery("SELECT name FROM users")) {
                    while (rs.next()) {
                        users.add(rs.getString(1));
                    }
                }
                assertEquals(Set.of("alice", "bob"), users);
                Set<Long> stored = new HashSet<>();
                try (ResultSet rs = s.executeQuery("SELECT id FROM messages WHERE sender = 'alice'")) {
                    while (rs.next()) {
                        stored.add(rs.getLong(1));
                    }
                }
                assertEquals(acknowledged, stored, "every message acknowledged before the backup is in it");
            }
            try (var left = Files.list(copy.getParent())) {
                assertEquals(Set.of(copy), Set.copyOf(left.toList()), "no temporary file is left beside the backup");
            }
            ok(alice.request(new Request.Send(alice.nextId(), "#general", "still serving", null)));
            assertEquals(143, MainProcess.terminate(server));
        }
    }

    @Test
    void aBackupToAnUnwritablePlaceIsOneLineAndItsExitCodeWhileTheServerKeepsServing() throws Exception {
        Path data = dir.resolve("data");
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path target = notADirectory.resolve("copy.db");
        try (LaunchedServer server = MainProcess.start(data, dir.resolve("server.log"), Map.of(),
                "--hash-cost", "64,1,1")) {
            TestClient alice = login(server, "alice");
            CommandProcess.Result backup = CommandProcess.run("backup", target.toString(), "--data-dir", data.toString());

            assertEquals(ExitCode.BACKUP_FAILED.code(), backup.exit(), backup.toString());
            assertEquals(1, backup.stderr().size(), backup.toString());
            String line = backup.stderr().get(0);
            assertTrue(line.contains(target.toString()) && line.contains("Not a directory"), line);
            assertTrue(backup.stdout().isEmpty(), backup.toString());
            assertFalse(Files.exists(target));
            ok(alice.request(new Request.Send(alice.nextId(), "#general", "the server is unaffected", null)));
            try (var left = Files.list(data.resolve("backup-requests"))) {
                assertEquals(0, left.count(), "the command took its answer away");
            }
            assertEquals(143, MainProcess.terminate(server));
        }
    }

    @Test
    void aRelativeTargetIsResolvedAgainstTheCommandsWorkingDirectory() throws Exception {
        Path data = dir.resolve("data");
        Path work = Files.createDirectories(dir.resolve("work"));
        try (LaunchedServer server = MainProcess.start(data, dir.resolve("server.log"), Map.of(),
                "--hash-cost", "64,1,1")) {
            login(server, "alice");
            CommandProcess.Result backup = CommandProcess.runIn(work, "backup", "relative.db", "--data-dir", data.toString());
            assertEquals(ExitCode.OK.code(), backup.exit(), backup.toString());
            assertTrue(Files.size(work.resolve("relative.db")) > 0);
            assertEquals(143, MainProcess.terminate(server));
        }
    }
}
