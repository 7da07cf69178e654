package org.parley.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.error;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.testing.MainProcess;
import org.parley.server.testing.TestClient;
import org.parley.testing.launch.ServerLauncher.LaunchedServer;

/**
 * {@code --min-free-space}: on a 32 MiB tmpfs with a 12 MiB watermark filled to 6 MiB free, new messages, accounts
 * and rooms are refused with UNAVAILABLE before the disk is full, while logins and history keep working; once
 * space is freed, writes are accepted again without a restart.
 */
class WatermarkTest {
    private static final long RECOVERY_SECONDS = 10;

    @TempDir
    Path dir;

    @Test
    void belowTheWatermarkNewWritesAreRefusedWhileLoginsAndReadsGoOn() throws Exception {
        try (ScratchData disk = ScratchData.tmpfs(dir, 32L << 20)) {
            Ledger ledger = new Ledger("alice");
            try (LaunchedServer server = disk.start(dir.resolve("server.log"), "--min-free-space", "12M")) {
                TestClient alice = FaultServers.login(server, "alice");
                FaultServers.login(server, "bob").close();
                assertEquals(Ledger.Outcome.ACKED, ledger.send(alice, "before", "before"));

                // 6 MiB left, 6 MiB under the watermark: room for a checkpoint to grow the database file. With 1 MiB
                // left, a real SQLITE_FULL (a checkpoint extending the file) could refuse a send before the server's
                // next look at the free space, and the registration after it then went through on the stale look.
                Path filler = disk.fs().fillLeaving(6L << 20);
                // The server looks at the free space at most every 100 ms: until it next has, sends still go through
                // (and are stored, as the ledger checks). Each send has its own key and is never retried.
                ServerMessage.Error refused = null;
                boolean someAccepted = false;
                for (int i = 0; refused == null && i < 10_000; i++) {
                    ServerMessage reply = alice.request(new Request.Send(alice.nextId(), "#general", "while low", "low" + i));
                    ledger.record("low" + i, reply);
                    if (reply instanceof ServerMessage.Ok) {
                        someAccepted = true;
                    } else {
                        refused = error(ErrorCode.UNAVAILABLE, reply);
                    }
                }
                assertNotNull(refused, "refused once the server saw the free space");
                assertTrue(refused.message().contains("storage full"), refused.message());
                error(ErrorCode.UNAVAILABLE, alice.request(new Request.Register(alice.nextId(), "carol", FaultServers.PASSWORD)));
                error(ErrorCode.UNAVAILABLE, alice.request(new Request.Join(alice.nextId(), "#low")));

                TestClient bob = FaultServers.login(server, "bob");
                ServerMessage.History history = assertInstanceOf(ServerMessage.History.class,
                        bob.request(new Request.History(bob.nextId(), "#general", null, null, 10)));
                assertEquals(someAccepted ? "while low" : "before", history.messages().get(history.messages().size() - 1).text());
                assertTrue(server.log().contains("refusing new messages, registrations and rooms"), server.log());

                Files.delete(filler);
                // The server looks at the free space at most every 100 ms: a client retrying with its key gets through.
                // (Keys "low…" are never retried, so the file shows whether a refusal stored anything.)
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RECOVERY_SECONDS);
                ServerMessage retried;
                do {
                    retried = alice.request(new Request.Send(alice.nextId(), "#general", "after", "after"));
                } while (retried instanceof ServerMessage.Error e && e.code() == ErrorCode.UNAVAILABLE
                        && System.nanoTime() < deadline);
                ledger.record("after", retried);
                assertInstanceOf(ServerMessage.Ok.class, retried, "accepted again once space was freed");
                assertInstanceOf(ServerMessage.Ok.class, alice.request(new Request.Join(alice.nextId(), "#low")));
                assertEquals(143, MainProcess.terminate(server));
            }
            ledger.verify(disk.database());
        }
    }
}
