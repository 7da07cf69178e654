package org.parley.server.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.ok;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.ServerConfig;
import org.parley.server.testing.RawSockets;
import org.parley.server.testing.ServerProcess;
import org.parley.server.testing.TestClient;
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
        try (ServerProcess server = ServerProcess.startUnder(List.of("prlimit", "--nofile=" + DESCRIPTORS + ":" + DESCRIPTORS),
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

    @Test
    void withTheCeilingLiftedAcceptRunsOutOfDescriptorsAndSaysSoInOneRateLimitedLine() throws Exception {
        // Not asserted here: recovery. In one run the server still held 353 sockets minutes after these clients
        // closed theirs (see the report of issue 15); with the default ceiling it never gets here.
        Path log = dir.resolve("server.log");
        List<Socket> attackers = new ArrayList<>();
        String lifted = "100000";
        try (ServerProcess server = ServerProcess.startUnder(List.of("prlimit", "--nofile=" + DESCRIPTORS + ":" + DESCRIPTORS),
                dir.resolve("data"), log, Map.of(), "--hash-cost", "64,1,1", "--max-connections-per-address", lifted,
                "--max-unauthenticated", lifted, "--max-connections", lifted,
                "--handshake-deadline", "120", "--login-deadline", "120")) {
            try {
                for (int i = 0; i < ATTACKS; i++) {
                    // Beyond the descriptor limit the kernel still completes connections into the listen backlog.
                    attackers.add(RawSockets.connect(server.address(), "127.0.0.1"));
                }
                awaitLogLine(log, "security descriptors-exhausted");
                String text = Files.readString(log);
                assertFalse(text.contains(" ERROR "), text);
                assertFalse(text.contains("Exception"), "the acceptor thread survives: " + text);
                long lines = text.lines().filter(l -> l.contains("security descriptors-exhausted")).count();
                assertTrue(lines <= 3, "one line per 10 s, not one per 50 ms retry: " + lines);
            } finally {
                for (Socket socket : attackers) {
                    socket.close();
                }
            }
        }
    }

    /** Waits (at most the client timeout) for the server to log a line containing {@code text}. */
    private static void awaitLogLine(Path log, String text) throws IOException {
        long end = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        while (!Files.readString(log).contains(text)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no \"" + text + "\" in the log within " + TestClient.TIMEOUT + ":\n" + Files.readString(log));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static TestClient loginFrom(ServerProcess server, String localHost, String user) throws Exception {
        TestClient client = server.connectFrom(localHost);
        TestServer.register(client, user);
        ok(client.request(new Request.Login(client.nextId(), user, TestServer.PASSWORD)));
        return client;
    }

}
