package org.parley.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.error;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.testing.MainProcess;
import org.parley.server.testing.TestClient;
import org.parley.testing.launch.ServerLauncher.LaunchedServer;

/**
 * Read errors: the loop device under the running server shrunk so that every block of the database and its WAL
 * fails with EIO (this kernel has no device-mapper for a dm-error target; a device's end is the same error to the
 * file system). History is answered UNAVAILABLE and the log names an I/O error, not corruption; once the device
 * is whole again, reads and writes work without a restart.
 */
class ReadErrorTest {
    private static final int MESSAGES = 300;
    private static final String TEXT = "r".repeat(3000);

    @TempDir
    Path dir;

    @Test
    void readErrorsAreAnsweredUnavailableAndLoggedAsIoErrors() throws Exception {
        try (ScratchData disk = ScratchData.ext4(dir, 24L << 20)) {
            Ledger ledger = new Ledger("alice");
            try (LaunchedServer server = disk.startUnguarded(dir.resolve("server.log"))) {
                TestClient alice = FaultServers.login(server, "alice");
                List<CompletableFuture<ServerMessage>> replies = new ArrayList<>();
                for (int i = 0; i < MESSAGES; i++) {
                    replies.add(alice.send(new Request.Send(alice.nextId(), "#general", TEXT, "k" + i)));
                }
                for (int i = 0; i < MESSAGES; i++) {
                    assertEquals(Ledger.Outcome.ACKED, ledger.record("k" + i, replies.get(i).get()));
                }

                long first = Math.min(disk.fs().physicalBlocks(disk.database())[0], disk.fs().physicalBlocks(disk.wal())[0]);
                disk.fs().failBlocksFrom(first, disk.database(), disk.wal());
                try {
                    ServerMessage.Error failed = error(ErrorCode.UNAVAILABLE,
                            alice.request(new Request.History(alice.nextId(), "#general", null, 0L, 200)));
                    assertFalse(failed.message().contains(disk.data().toString()), "no paths to clients: " + failed);
                } finally {
                    disk.fs().repair();
                }
                String log = server.log();
                // SQLite itself calls an EIO from read() SQLITE_CORRUPT; the server's line says what happened.
                assertTrue(log.lines().anyMatch(l -> l.contains("read failed: I/O error reading " + disk.database())
                        || l.contains("read failed: I/O error reading " + disk.wal())
                        || l.contains("read failed: [SQLITE_IOERR")), "logged as an I/O error: " + log);

                // Reads work again once the device is whole: every stored message, page after page (a page of these
                // 3,000-character messages ends at the byte budget, before its count).
                int read = 0;
                long after = 0;
                ServerMessage.History page;
                do {
                    page = assertInstanceOf(ServerMessage.History.class,
                            alice.request(new Request.History(alice.nextId(), "#general", null, after, 200)));
                    read += page.messages().size();
                    after = page.messages().get(page.messages().size() - 1).id();
                } while (page.more() != null);
                assertEquals(MESSAGES, read, "reads work again once the device is whole");
                assertEquals(Ledger.Outcome.ACKED, ledger.send(alice, "after", TEXT));
                assertEquals(143, MainProcess.terminate(server));
            }
            ledger.verify(disk.database());
        }
    }
}
