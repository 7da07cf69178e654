package org.parley.server.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.server.testing.TestServer;

/** Requests left from before a start: a new one is carried out, one cut off by a stop is answered as failed. */
class BackupWatcherTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void requestsLeftFromBeforeTheStartAreAnswered() throws Exception {
        Path data = dir.resolve("data");
        try (TestServer server = TestServer.start(data)) {
            server.login("alice");
        }
        Path requests = BackupRequests.directory(data);
        Path copy = dir.resolve("copy.db");
        Path cut = dir.resolve("cut.db");
        BackupRequests.write(requests, "waiting", BackupRequests.REQUEST, copy.toString());
        BackupRequests.write(requests, "cut", BackupRequests.WORKING, cut.toString());
        try (WatchService watch = requests.getFileSystem().newWatchService()) {
            requests.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            try (TestServer server = TestServer.start(data)) {
                BackupRequests.Answer done = BackupRequests.await(watch, requests, "waiting", WAIT);
                BackupRequests.Answer failed = BackupRequests.await(watch, requests, "cut", WAIT);

                assertEquals(BackupRequests.Outcome.DONE, done.outcome(), done.line());
                assertTrue(done.line().startsWith("backed up ") && done.line().contains(copy.toString()), done.line());
                assertEquals(BackupRequests.Outcome.FAILED, failed.outcome(), failed.line());
                assertEquals("the server stopped before the backup to " + cut + " was complete; run backup again",
                        failed.line());
                assertFalse(Files.exists(cut));
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT name FROM users")) {
                    assertTrue(rs.next());
                    assertEquals("alice", rs.getString(1));
                }
                try (var left = Files.list(requests)) {
                    assertEquals(List.of(), left.toList());
                }
            }
        }
    }
}
