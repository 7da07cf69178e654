package org.parley.server.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.parley.server.testing.Replies.ok;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.parley.protocol.JsonCodec;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.ServerConfig;
import org.parley.server.testing.ServerTestBase;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;

/**
 * A reader that pauses while more is written to it than the kernel's socket buffers hold. Records then go to the
 * socket partly from the sealing thread and partly through MINA's queue; whichever way, the client must get every
 * push, whole and in order (a record out of order would fail its TLS integrity check).
 */
class PausedReaderTest extends ServerTestBase {
    private static final int COUNT = 2_000;

    @Override
    protected void configure(ServerConfig config) {
        // Room for the whole burst: this reader is slow, not gone.
        config.flood(100_000, 100_000).maxBacklogBytes(64L * 1024 * 1024);
    }

    @Test
    void aReaderThatPausesGetsEveryPushInOrderWhenItReadsAgain() throws Exception {
        server.login("paused").close();
        TestClient alice = server.login("alice");
        alice.watch("paused");
        JsonCodec json = new JsonCodec();
        try (SSLSocket paused = OutboundTest.connectWithTinyReceiveBuffer(server)) {
            paused.getOutputStream().write((json.encode(new Request.Login("l", "paused", TestServer.PASSWORD)) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            paused.getOutputStream().flush();
            OutboundTest.awaitOnline(alice, "paused");

            // About 6 MB: more than the loopback socket buffers (4 MiB at most) and the 4 KiB receive window hold.
            String padding = "x".repeat(3_000);
            List<CompletableFuture<ServerMessage>> acks = OutboundTest.sendPipelined(alice, COUNT, i -> i + " " + padding);
            for (CompletableFuture<ServerMessage> ack : acks) {
                ok(ack.get());
            }

            paused.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
            BufferedReader in = new BufferedReader(new InputStreamReader(paused.getInputStream(), StandardCharsets.UTF_8));
            int next = 0;
            while (next < COUNT) {
                String line = in.readLine();
                assertNotNull(line, "the connection closed after " + next + " of " + COUNT + " pushes");
                if (json.decodeServerMessage(line) instanceof ServerMessage.MessagePush push) {
                    assertEquals(next + " " + padding, push.msg().text(), "push " + next);
                    next++;
                }
            }
        }
        assertEquals(new ServerMessage.Pong("p"), alice.request(new Request.Ping("p")));
    }
}
