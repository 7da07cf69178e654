package org.parley.server.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.ok;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.limit.ConnectionLimits;
import org.parley.server.testing.RawSockets;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;

/**
 * Issue 15 item 3, scaled down: one address opens connection after connection and trickles a TLS ClientHello a byte
 * at a time, which used to hold every connection forever (each byte reset the idle timer) until the server ran out
 * of descriptors. The limits are lowered so that a few hundred connections play the part of 20,000; the legitimate
 * users come from other loopback addresses (127.0.0.2, ...), as they would from other hosts.
 */
class SlowHandshakeTest {
    private static final String ATTACKER = "127.0.0.1";
    private static final int PER_ADDRESS = 20;
    /** Bytes trickle in faster than any deadline here, so only an absolute deadline can close the connections. */
    private static final long TRICKLE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    @TempDir
    Path dir;

    @Test
    void oneAddressTricklingHandshakesIsCappedAndCutOffWhileOthersLogInAndChat() throws Exception {
        int attempts = 200;
        try (TestServer server = TestServer.start(dir, c -> c.maxConnectionsPerAddress(PER_ADDRESS).maxUnauthenticated(100)
                .handshakeDeadlineSeconds(2).timeouts(4, 30, 30))) {
            ConnectionLimits limits = server.server().connectionLimits();
            List<Socket> tricklers = new ArrayList<>();
            try {
                for (int i = 0; i < attempts; i++) {
                    tricklers.add(trickler(server));
                }
                awaitTrue(() -> limits.open() + limits.refused() >= attempts, "the server took every connection");
                assertEquals(PER_ADDRESS, limits.open(), "connections held for " + ATTACKER);
                assertEquals(attempts - PER_ADDRESS, limits.refused());

                TestClient alice = server.loginFrom("127.0.0.2", "alice");
                TestClient bob = server.loginFrom("127.0.0.3", "bob");
                chat(alice, bob, "hello while 127.0.0.1 trickles");

                Thread trickle = trickleUntilClosed(tricklers);
                for (Socket socket : tricklers) {
                    assertTrue(RawSockets.hungUp(socket), "a trickling handshake was cut off by the deadline");
                }
                trickle.join(TestClient.TIMEOUT.toMillis());
                awaitTrue(() -> limits.open() == 2, "the tricklers' places were freed");
                chat(bob, alice, "and after");
            } finally {
                closeAll(tricklers);
            }
        }
    }

    @Test
    void atTheDescriptorCeilingLoggedInUsersChatAndANewLoginGetsInOnceTheDeadlinePasses() throws Exception {
        int ceiling = 24;
        int users = 16;
        try (TestServer server = TestServer.start(dir, c -> c.maxConnections(ceiling).maxConnectionsPerAddress(PER_ADDRESS)
                .handshakeDeadlineSeconds(2).timeouts(4, 30, 30))) {
            ConnectionLimits limits = server.server().connectionLimits();
            List<TestClient> clients = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                clients.add(server.loginFrom("127.0.0.2", "user" + i));
            }
            List<Socket> tricklers = new ArrayList<>();
            try {
                // From several addresses, each under its own cap: only the ceiling stops them.
                int attempts = 40;
                for (int i = 0; i < attempts; i++) {
                    tricklers.add(RawSockets.connect(server.server().address(), "127.0.1." + (1 + i % 4)));
                    tricklers.get(i).getOutputStream().write(RawSockets.CLIENT_HELLO_START);
                }
                awaitTrue(() -> limits.open() + limits.refused() >= users + attempts, "the server took every connection");
                assertEquals(ceiling, limits.open());
                assertEquals(users + attempts - ceiling, limits.refused());

                chat(clients.get(0), clients.get(users - 1), "still here at the ceiling");
                assertThrows(IOException.class, () -> server.loginFrom("127.0.0.3", "latecomer"),
                        "no room while the ceiling is reached");

                Thread trickle = trickleUntilClosed(tricklers);
                for (Socket socket : tricklers) {
                    assertTrue(RawSockets.hungUp(socket));
                }
                trickle.join(TestClient.TIMEOUT.toMillis());
                awaitTrue(() -> limits.open() == users, "the tricklers' places were freed");
                TestClient latecomer = server.loginFrom("127.0.0.3", "latecomer");
                chat(latecomer, clients.get(0), "got in");
            } finally {
                closeAll(tricklers);
            }
        }
    }

    private static Socket trickler(TestServer server) throws IOException {
        Socket socket = RawSockets.connect(server.server().address(), ATTACKER);
        socket.getOutputStream().write(RawSockets.CLIENT_HELLO_START);
        return socket;
    }

    /** Sends one byte to each socket every {@link #TRICKLE_NANOS} until every one fails, for at most the timeout. */
    private static Thread trickleUntilClosed(List<Socket> sockets) {
        Thread thread = new Thread(() -> {
            long end = System.nanoTime() + TestClient.TIMEOUT.toNanos();
            List<Socket> open = new ArrayList<>(sockets);
            while (!open.isEmpty() && System.nanoTime() < end) {
                open.removeIf(socket -> {
                    try {
                        socket.getOutputStream().write(0);
                        return false;
                    } catch (IOException closed) {
                        return true;
                    }
                });
                LockSupport.parkNanos(TRICKLE_NANOS);
            }
        }, "trickler");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void chat(TestClient from, TestClient to, String text) throws Exception {
        ok(from.request(new Request.Send(from.nextId(), "#general", text, null)));
        ServerMessage.MessagePush push = to.await(ServerMessage.MessagePush.class, p -> p.msg().text().equals(text));
        assertInstanceOf(ServerMessage.MessagePush.class, push);
    }

    /** Waits for a condition the server reaches on its own threads, for at most the client timeout. */
    private static void awaitTrue(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + TestClient.TIMEOUT + ": " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closed by the server already.
            }
        }
    }
}
