package org.parley.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.ok;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.ParleyServer;
import org.parley.server.store.Database;
import org.parley.server.testing.MainProcess;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;
import org.parley.testing.launch.ServerLauncher.LaunchedServer;

/**
 * The server as its own process with production settings. An acknowledged message must survive kill -9;
 * SIGTERM must shut down cleanly. Also checks the stored password hashes use the production Argon2 cost.
 */
class DurabilityTest {
    private static final int CLIENTS = 8;
    private static final int SENDS_EACH = 25;

    @TempDir
    Path dir;

    private static TestClient loginTo(LaunchedServer server, String user) throws Exception {
        TestClient c = MainProcess.connect(server);
        TestServer.register(c, user);
        ok(c.request(new Request.Login(c.nextId(), user, TestServer.PASSWORD)));
        return c;
    }

    @Test
    void acknowledgedMessagesSurviveSigkill() throws Exception {
        Path data = dir.resolve("data");
        Map<Long, ChatMessage> acknowledged = new HashMap<>();
        String fingerprint;
        try (LaunchedServer server = MainProcess.start(data, dir.resolve("server1.log"))) {
            fingerprint = server.fingerprint();
            List<TestClient> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(loginTo(server, "user" + i));
            }
            CountDownLatch aThirdAcknowledged = new CountDownLatch(CLIENTS * SENDS_EACH / 3);
            List<CompletableFuture<ServerMessage>> replies = new ArrayList<>();
            for (int m = 0; m < SENDS_EACH; m++) {
                for (int i = 0; i < CLIENTS; i++) {
                    TestClient c = clients.get(i);
                    CompletableFuture<ServerMessage> reply = c.send(
                            new Request.Send(c.nextId(), "#general", "user" + i + " says " + m, "key-" + m));
                    reply.thenRun(aThirdAcknowledged::countDown);
                    replies.add(reply);
                }
            }
            // Kill while sends are still in flight: some are acknowledged, some are not.
            aThirdAcknowledged.await(60, TimeUnit.SECONDS);
            server.process().kill();
            for (CompletableFuture<ServerMessage> reply : replies) {
                ServerMessage m = reply.handle((r, e) -> r).get(30, TimeUnit.SECONDS);
                if (m instanceof ServerMessage.Ok okReply) {
                    acknowledged.put(okReply.msg().id(), okReply.msg());
                }
            }
        }
        assertFalse(acknowledged.isEmpty(), "some messages were acknowledged before the kill");

        try (LaunchedServer server = MainProcess.start(data, dir.resolve("server2.log"))) {
            assertEquals(fingerprint, server.fingerprint(), "the generated certificate is reused");
            TestClient reader = loginTo(server, "user0");
            Map<Long, ChatMessage> stored = new HashMap<>();
            long after = 0;
            while (true) {
                List<ChatMessage> page = ((ServerMessage.History) reader.request(
                        new Request.History(reader.nextId(), "#general", null, after, 200))).messages();
                if (page.isEmpty()) {
                    break;
                }
                page.forEach(m -> stored.put(m.id(), m));
                after = page.get(page.size() - 1).id();
            }
            for (ChatMessage m : acknowledged.values()) {
                assertEquals(m, stored.get(m.id()), "acknowledged message " + m.id() + " survived");
            }
            ChatMessage any = acknowledged.values().iterator().next();
            int sender = Integer.parseInt(any.from().substring(4));
            String key = "key-" + any.text().substring(any.text().lastIndexOf(' ') + 1);
            TestClient same = loginTo(server, any.from());
            assertEquals(any, ok(same.request(new Request.Send("retry", "#general", any.text(), key))).msg(),
                    "an idempotent retry after the crash returns the original (sender " + sender + ")");
        }
        try (Connection c = Database.connect(data.resolve(ParleyServer.DATABASE_FILE));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT password_hash FROM users")) {
            while (rs.next()) {
                assertTrue(rs.getString(1).startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), rs.getString(1));
            }
        }
    }

    @Test
    void sigtermShutsDownCleanly() throws Exception {
        Path data = dir.resolve("data");
        ChatMessage sent;
        try (LaunchedServer server = MainProcess.start(data, dir.resolve("server.log"))) {
            assertTrue(server.process().output().stream().anyMatch(l -> l.startsWith("Generated self-signed certificate")));
            TestClient c = loginTo(server, "alice");
            sent = ok(c.request(new Request.Send("1", "#general", "before SIGTERM", null))).msg();
            int exit = server.process().terminate(Duration.ofSeconds(60));
            assertEquals(143, exit, "terminated by SIGTERM after the shutdown hook ran");
            assertTrue(c.awaitClosed(TestClient.TIMEOUT));
            assertTrue(Files.readString(server.process().log()).contains("stopped"), server.process().output().toString());
        }
        assertFalse(Files.exists(data.resolve(ParleyServer.DATABASE_FILE + "-wal")),
                "the database was closed properly (SQLite removes the WAL on a clean close)");
        try (LaunchedServer server = MainProcess.start(data, dir.resolve("server2.log"))) {
            TestClient c = loginTo(server, "alice");
            assertEquals(List.of(sent), ((ServerMessage.History) c.request(
                    new Request.History("h", "#general", null, null, null))).messages());
        }
    }
}
