package org.parley.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.Request;
import org.parley.server.ParleyServer;
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
        try (ScratchFs fs = ScratchFs.ext4(dir, 32L << 20)) {
            Path data = fs.root().resolve("data");
            Path db = data.resolve(ParleyServer.DATABASE_FILE);
            Path wal = data.resolve(ParleyServer.DATABASE_FILE + "-wal");
            Ledger ledger = new Ledger("alice");
            try (LaunchedServer server = FaultServers.start(data, dir.resolve("server.log"), "--min-free-space", "0")) {
                TestClient alice = FaultServers.login(server, "alice");
                for (int i = 0; i < 3; i++) {
                    ledger.record("before-" + i, alice.request(new Request.Send(alice.nextId(), "#general", TEXT, "before-" + i)));
                }
                fs.makeImmutable(wal, true);
                fs.makeImmutable(db, true);
                try {
                    for (int i = 0; i < 5; i++) {
                        ledger.record("locked-" + i, alice.request(new Request.Send(alice.nextId(), "#general", TEXT, "locked-" + i)));
                    }
                } finally {
                    fs.makeImmutable(wal, false);
                    fs.makeImmutable(db, false);
                }
                assertEquals(5, ledger.count(Ledger.Outcome.REFUSED) + ledger.count(Ledger.Outcome.UNKNOWN),
                        "no send to an unwritable file was acknowledged: " + ledger.replies());
                for (int i = 0; i < 3; i++) {
                    assertEquals(Ledger.Outcome.ACKED, ledger.record("after-" + i, alice.request(
                            new Request.Send(alice.nextId(), "#general", TEXT, "after-" + i))),
                            "writable again: the next writes succeed: " + ledger.replies());
                }
                FaultServers.login(server, "bob").close();
                assertTrue(server.log().contains("SQLITE_IOERR"), "the log names the I/O error: " + server.log());
                assertEquals(143, MainProcess.terminate(server));
            }
            ledger.verify(db);
        }
    }
}
