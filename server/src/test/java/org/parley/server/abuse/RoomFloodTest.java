package org.parley.server.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.error;
import static org.parley.server.testing.Replies.ok;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Limits;
import org.parley.protocol.Request;
import org.parley.protocol.RoomInfo;
import org.parley.protocol.ServerMessage;
import org.parley.server.ServerConfig;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;

/** Creating rooms is limited per user, and however many rooms exist, a {@code rooms} reply stays small. */
class RoomFloodTest {
    @TempDir
    Path dir;

    @Test
    void aUserCreatesAtMostTheirQuotaButStillJoinsAndChats() throws Exception {
        int quota = new ServerConfig().roomsPerUser();
        try (TestServer server = TestServer.start(dir, c -> c.flood(100_000, 100_000))) {
            TestClient flooder = server.login("flooder");
            List<CompletableFuture<ServerMessage>> joins = new ArrayList<>();
            for (int i = 0; i < quota; i++) {
                joins.add(flooder.send(new Request.Join(flooder.nextId(), "#spam" + i)));
            }
            for (CompletableFuture<ServerMessage> join : joins) {
                ok(join.get());
            }
            ServerMessage.Error over = error(ErrorCode.QUOTA_EXCEEDED, flooder.request(new Request.Join(flooder.nextId(), "#one-more")));
            assertTrue(over.message().contains(Integer.toString(quota)), over.message());

            TestClient bob = server.login("bob");
            ok(bob.request(new Request.Join(bob.nextId(), "#bobs-room")));
            ok(flooder.request(new Request.Join(flooder.nextId(), "#bobs-room")));
            ok(flooder.request(new Request.Send(flooder.nextId(), "#bobs-room", "joining is not creating", null)));
            assertEquals("joining is not creating", bob.await(ServerMessage.MessagePush.class).msg().text());
            ok(flooder.request(new Request.Leave(flooder.nextId(), "#spam0")));
            error(ErrorCode.QUOTA_EXCEEDED, flooder.request(new Request.Join(flooder.nextId(), "#one-more")));
        }
        try (TestServer restarted = TestServer.start(dir)) {
            TestClient flooder = restarted.login("flooder");
            error(ErrorCode.QUOTA_EXCEEDED, flooder.request(new Request.Join(flooder.nextId(), "#after-restart")));
        }
    }

    @Test
    void theRoomListIsPagedSoNoReplyGrowsWithTheNumberOfRooms() throws Exception {
        int rooms = Limits.MAX_ROOMS_LIMIT + 20;
        try (TestServer server = TestServer.start(dir, c -> c.flood(100_000, 100_000).roomsPerUser(rooms))) {
            List<TestClient> creators = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                creators.add(server.login("creator" + i));
            }
            List<CompletableFuture<ServerMessage>> joins = new ArrayList<>();
            for (int i = 0; i < rooms; i++) {
                // Longest names allowed: the largest entries a room list can have.
                TestClient c = creators.get(i % creators.size());
                joins.add(c.send(new Request.Join(c.nextId(), "#" + String.format("%04d", i) + "x".repeat(60))));
            }
            for (CompletableFuture<ServerMessage> join : joins) {
                ok(join.get());
            }
            TestClient reader = server.login("reader");
            ServerMessage.Rooms first = (ServerMessage.Rooms) reader.request(new Request.Rooms(reader.nextId()));
            assertEquals(Limits.MAX_ROOMS_LIMIT, first.rooms().size());
            assertTrue(first.hasMore());
            assertTrue(reader.largestFrameBytes() < 64 * 1024, "a full page of the longest names: " + reader.largestFrameBytes());

            List<String> names = new ArrayList<>();
            first.rooms().forEach(r -> names.add(r.name()));
            ServerMessage.Rooms page = first;
            for (int pages = 0; page.hasMore() && pages < 100; pages++) {
                page = (ServerMessage.Rooms) reader.request(new Request.Rooms(reader.nextId(), names.get(names.size() - 1), 7));
                page.rooms().forEach(r -> names.add(r.name()));
            }
            assertFalse(page.hasMore());
            assertEquals(rooms + 1, names.size(), "every room once, #general included");
            assertEquals(names.stream().sorted().toList(), names);
            assertEquals(new RoomInfo("#general", 5, true), page.rooms().get(page.rooms().size() - 1), "'#g' sorts after '#0'");
            error(ErrorCode.BAD_REQUEST, reader.request(new Request.Rooms(reader.nextId(), null, Limits.MAX_ROOMS_LIMIT + 1)));
        }
    }
}
