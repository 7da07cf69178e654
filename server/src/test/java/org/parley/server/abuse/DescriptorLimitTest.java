package org.parley.server.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.ok;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.ServerConfig;
import org.parley.server.testing.RawSockets;
import org.parley.server.testing.MainProcess;
import org.parley.server.testing.TestClient;
import org.parley.testing.launch.ServerLauncher.LaunchedServer;
import org.parley.server.testing.TestServer;

/**
 * Issue 15 item 3 for real: the server as its own process under a descriptor limit of 400 ({@code prlimit}), one
 * address opening more half-done handshakes than the process has descriptors. Before the limits, accept failed with
 * "Too many open files", MINA logged it at ERROR every 50 ms, and nobody else could connect.
 */
class DescriptorLimitTest {
    private static final int DESCRIPTORS = 400;
    private static final int ATTACKS = 600;

    @TempDir
    Path dir;

    @Test
    void moreHandshakesThanDescriptorsLeaveRoomForAUserAndNoLogStorm() throws Exception {
        Path log = dir.resolve("server.log");
        List<Socket> attackers = new ArrayList<>();
        try (LaunchedServer server = MainProcess.startUnder(List.of("prlimit", "--nofile=" + DESCRIPTORS + ":" + DESCRIPTORS),
                dir.resolve("data"), log, Map.of(), "--hash-cost", "64,1,1",
                "--handshake-deadline", "120", "--login-deadline", "120")) {
            try {
                for (int i = 0; i < ATTACKS; i++) {
                    attackers.add(RawSockets.connect(server.address(), "127.0.0.1"));
                    attackers.get(i).getOutputStream().write(RawSockets.CLIENT_HELLO_START);
                }
                TestClient alice = loginFrom(server, "127.0.0.2", "alice");
                TestClient bob = loginFrom(server, "127.0.0.3", "bob");
                ok(alice.request(new Request.Send(alice.nextId(), "#general", "room to breathe", null)));
                assertEquals("room to breathe", bob.await(ServerMessage.MessagePush.class).msg().text());
            } finally {
                for (Socket socket : attackers) {
                    socket.close();
                }
            }
            String text = Files.readString(log);
            Matcher ceiling = Pattern.compile("at most (\\d+) connections").matcher(text);
            assertTrue(ceiling.find(), text);
            int connections = Integer.parseInt(ceiling.group(1));
            assertTrue(connections > 0 && connections <= DESCRIPTORS - new ServerConfig().descriptorReserve(),
                    "the ceiling comes from the real descriptor limit: " + connections);
            assertFalse(text.contains("Too many open files"), text);
            assertFalse(text.contains(" ERROR "), text);
            long refusedLines = text.lines().filter(l -> l.contains("security refused-")).count();
            assertTrue(refusedLines >= 1 && refusedLines <= 3, "refusals reported, rate-limited: " + refusedLines + " lines");
        }
    }

    private static TestClient loginFrom(LaunchedServer server, String localHost, String user) throws Exception {
        TestClient client = MainProcess.connectFrom(server, localHost);
        TestServer.register(client, user);
        ok(client.request(new Request.Login(client.nextId(), user, TestServer.PASSWORD)));
        return client;
    }

}
