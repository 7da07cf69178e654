package org.parley.server.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.ok;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.JsonCodec;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.ServerConfig;
import org.parley.server.testing.ServerTestBase;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;
import org.parley.testing.tls.PinnedCertificateTrustManager;

/**
 * The per-connection send queue: order and completeness when frames pile up and are written in batches,
 * and what happens to a connection that stops reading.
 */
class OutboundTest extends ServerTestBase {
    private static final int BACKLOG_LIMIT = 1024 * 1024;
    private static final int WINDOW = 50;

    @Override
    protected void configure(ServerConfig config) {
        config.flood(100_000, 100_000).maxBacklogBytes(BACKLOG_LIMIT);
    }

    @Test
    void aBurstOfPipelinedSendsIsAcknowledgedAndDeliveredInOrder() throws Exception {
        TestClient alice = server.login("alice");
        TestClient bob = server.login("bob");
        int count = 500;
        List<CompletableFuture<ServerMessage>> acks = sendPipelined(alice, count, i -> "burst " + i);
        List<Long> acked = new ArrayList<>();
        for (CompletableFuture<ServerMessage> ack : acks) {
            acked.add(ok(ack.get()).msg().id());
        }
        for (int i = 1; i < count; i++) {
            assertTrue(acked.get(i) > acked.get(i - 1), "acks in id order");
        }
        for (int i = 0; i < count; i++) {
            ChatMessage pushed = bob.await(ServerMessage.MessagePush.class).msg();
            assertEquals(acked.get(i), pushed.id(), "push " + i + " in order, none missing");
            assertEquals("burst " + i, pushed.text());
        }
        List<String> sent = acks.stream().map(ack -> ok(ack.join()).re()).toList();
        assertEquals(sent, alice.replyOrder().stream().filter(re -> re.startsWith("s")).toList(), "replies in request order");
    }

    @Test
    void aConnectionThatStopsReadingIsClosedWhileEveryoneElseGetsEverything() throws Exception {
        server.login("stalled").close();
        TestClient alice = server.login("alice");
        alice.watch("stalled");
        TestClient bob = server.login("bob");
        try (SSLSocket stalled = connectWithTinyReceiveBuffer(server)) {
            stalled.getOutputStream().write((new JsonCodec().encode(new Request.Login("l", "stalled", TestServer.PASSWORD))
                    + "\n").getBytes(StandardCharsets.UTF_8));
            stalled.getOutputStream().flush();
            awaitOnline(alice, "stalled");

            // Far more than the kernel's socket buffers and the backlog limit can hold for a reader that never reads.
            int count = 2_500;
            String text = "x".repeat(3_000);
            List<CompletableFuture<ServerMessage>> acks = sendPipelined(alice, count, i -> text);
            for (CompletableFuture<ServerMessage> ack : acks) {
                ok(ack.get());
            }
            for (int i = 0; i < count; i++) {
                bob.await(ServerMessage.MessagePush.class);
            }
            int received = readUntilClosed(stalled);
            assertTrue(received < count, "the stalled connection was cut off after " + received + " of " + count);
        }
        assertEquals(new ServerMessage.Pong("p"), bob.request(new Request.Ping("p")));
    }

    /**
     * Keeps {@link #WINDOW} sends outstanding, as a well-behaved client does: the server refuses more than 256
     * waiting requests, and a window also keeps a reader's backlog of replies well under the limit.
     */
    static List<CompletableFuture<ServerMessage>> sendPipelined(TestClient client, int count,
            IntFunction<String> text) throws Exception {
        List<CompletableFuture<ServerMessage>> acks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i >= WINDOW) {
                acks.get(i - WINDOW).get();
            }
            acks.add(client.send(new Request.Send("s" + i, "#general", text.apply(i), null)));
        }
        return acks;
    }

    static SSLSocket connectWithTinyReceiveBuffer(TestServer server) throws Exception {
        SSLSocket socket = (SSLSocket) PinnedCertificateTrustManager.clientContext(server.fingerprint(), "TLS").getSocketFactory()
                .createSocket();
        // Set before connecting, so the TCP window stays small and the backlog builds up on the server.
        socket.setReceiveBufferSize(4096);
        InetSocketAddress address = server.server().address();
        socket.connect(address);
        socket.startHandshake();
        return socket;
    }

    static void awaitOnline(TestClient observer, String user) throws InterruptedException {
        observer.await(ServerMessage.Presence.class, p -> p.user().equals(user) && p.online());
    }

    /** Reads what the server had sent before it hung up; a timeout instead of a close fails the test. */
    private static int readUntilClosed(SSLSocket socket) throws IOException {
        socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
        int messages = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("{\"type\":\"message\"")) {
                    messages++;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("the server kept a connection open that had not read for the whole test", stillOpen);
        } catch (IOException reset) {
            // A reset is as good as a close: the server dropped the connection.
        }
        return messages;
    }
}
