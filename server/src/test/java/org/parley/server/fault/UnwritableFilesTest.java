package org.parley.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.server.testing.MainProcess;
import org.parley.server.testing.TestClient;
import org.parley.testing.launch.ServerLauncher.LaunchedServer;

/**
 * The database files made unwritable under the running server (chattr +i on ext4: even root's writes through
 * descriptors already open fail with EPERM, which chmod cannot do to a root process), then writable again.
 */
class UnwritableFilesTest {
    private static final String TEXT = "y".repeat(2000);

    @TempDir
    Path dir;

    @Test
    void writesToUnwritableFilesAreAnsweredTruthfullyAndTheServerRecovers() throws Exception {
        try (ScratchData disk = ScratchData.ext4(dir, 32L << 20)) {
            Ledger ledger = new Ledger("alice");
            try (LaunchedServer server = disk.startUnguarded(dir.resolve("server.log"))) {
                TestClient alice = FaultServers.login(server, "alice");
                for (int i = 0; i < 3; i++) {
                    ledger.send(alice, "before-" + i, TEXT);
                }
                disk.fs().makeImmutable(disk.wal(), true);
                disk.fs().makeImmutable(disk.database(), true);
                try {
                    for (int i = 0; i < 5; i++) {
                        ledger.send(alice, "locked-" + i, TEXT);
                    }
                } finally {
                    disk.fs().makeImmutable(disk.wal(), false);
                    disk.fs().makeImmutable(disk.database(), false);
                }
                assertEquals(5, ledger.count(Ledger.Outcome.REFUSED) + ledger.count(Ledger.Outcome.UNKNOWN),
                        "no send to an unwritable file was acknowledged: " + ledger.replies());
                for (int i = 0; i < 3; i++) {
                    assertEquals(Ledger.Outcome.ACKED, ledger.send(alice, "after-" + i, TEXT),
                            "writable again: the next writes succeed: " + ledger.replies());
                }
                FaultServers.login(server, "bob").close();
                assertTrue(server.log().contains("SQLITE_IOERR"), "the log names the I/O error: " + server.log());
                assertEquals(143, MainProcess.terminate(server));
            }
            ledger.verify(disk.database());
        }
    }
}
