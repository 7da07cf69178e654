package org.parley.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.store.Database;
import org.parley.server.testing.MainProcess;
import org.parley.server.testing.TestClient;
import org.parley.testing.launch.ServerLauncher.LaunchedServer;

/**
 * The server process on a 4 MiB tmpfs that the test fills to the last byte (the free-space watermark off, so
 * SQLite itself hits ENOSPC) and then frees: every write is answered truthfully, and the server recovers by itself.
 */
class DiskFullTest {
    private static final int SENDS_WHILE_FULL = 10;
    private static final String TEXT = "x".repeat(3000);

    @TempDir
    Path dir;

    @Test
    void aFullDiskRefusesWritesTruthfullyAndTheServerRecoversWhenFreed() throws Exception {
        try (ScratchData disk = ScratchData.tmpfs(dir, 4L << 20)) {
            Ledger ledger = new Ledger("alice");
            ServerMessage registerWhileFull;
            ServerMessage joinWhileFull;
            try (LaunchedServer server = disk.startUnguarded(dir.resolve("server.log"))) {
                TestClient alice = FaultServers.login(server, "alice");
                for (int i = 0; i < 3; i++) {
                    ledger.send(alice, "before-" + i, TEXT);
                }
                assertEquals(3, ledger.count(Ledger.Outcome.ACKED), ledger.replies().toString());

                Path filler = disk.fs().fill();
                for (int i = 0; i < SENDS_WHILE_FULL; i++) {
                    ledger.send(alice, "full-" + i, TEXT);
                }
                registerWhileFull = alice.request(new Request.Register(alice.nextId(), "carol", FaultServers.PASSWORD));
                joinWhileFull = alice.request(new Request.Join(alice.nextId(), "#full"));
                assertTrue(ledger.count(Ledger.Outcome.REFUSED) + ledger.count(Ledger.Outcome.UNKNOWN) > 0,
                        "the full disk refused some sends: " + ledger.replies());

                Files.delete(filler);
                for (int i = 0; i < 3; i++) {
                    assertEquals(Ledger.Outcome.ACKED, ledger.send(alice, "freed-" + i, TEXT),
                            "the first writes after space was freed succeed: " + ledger.replies());
                }
                TestClient bob = FaultServers.login(server, "bob");
                assertInstanceOf(ServerMessage.History.class, bob.request(new Request.History(bob.nextId(), "#general", null, null, 5)));
                boolean joined = Ledger.classify(joinWhileFull) == Ledger.Outcome.ACKED;
                boolean member = ((ServerMessage.Rooms) alice.request(new Request.Rooms(alice.nextId()))).rooms().stream()
                        .anyMatch(r -> r.name().equals("#full") && r.joined());
                assertEquals(joined, member, "a refused join changed nothing in memory: " + joinWhileFull);
                assertEquals(143, MainProcess.terminate(server), "a clean stop after the disk was freed");
            }
            ledger.verify(disk.database());
            assertEquals(Ledger.classify(registerWhileFull) == Ledger.Outcome.ACKED, exists(disk.database(), "SELECT 1 FROM users WHERE name_key = 'carol'"),
                    "carol stored exactly when acknowledged: " + registerWhileFull);
            assertEquals(Ledger.classify(joinWhileFull) == Ledger.Outcome.ACKED, exists(disk.database(), "SELECT 1 FROM room_members WHERE room = '#full'"),
                    "#full joined exactly when acknowledged: " + joinWhileFull);
        }
    }

    private static boolean exists(Path database, String sql) throws Exception {
        try (Connection c = Database.connect(database);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }
}
