package org.parley.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.server.testing.Replies.ok;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.ServerConfig;
import org.parley.server.testing.ServerTestBase;
import org.parley.server.testing.TestClient;

/**
 * The server's own TLS filter where records and reads do not line up: a record split over many TCP segments,
 * hundreds of records in one read, and bytes that are not TLS at all.
 */
class TlsFilterTest extends ServerTestBase {
    private static final int PINGS = 600;

    @Override
    protected void configure(ServerConfig config) {
        config.flood(10_000, 10_000);
    }

    @Test
    void aMessageLargerThanOneRecordArrivesWhole() throws Exception {
        TestClient alice = server.login("alice");
        TestClient bob = server.login("bob");
        // 4,000 four-byte characters: a 16 KB text, more than one TLS record (16,384 bytes) with its frame.
        String text = "\uD83D\uDE00".repeat(4000);
        ok(alice.request(new Request.Send(alice.nextId(), "#general", text, null)));
        ChatMessage received = bob.await(ServerMessage.MessagePush.class, m -> m.msg().from().equals("alice")).msg();
        assertEquals(text, received.text());
    }

    @Test
    void manyRecordsInOneReadAreAllAnswered() throws Exception {
        TestClient client = server.connect();
        // Each write is a TLS record of its own, sent back to back: the server reads many records per socket read.
        OutputStream out = client.socket().getOutputStream();
        for (int i = 0; i < PINGS; i++) {
            out.write(("{\"type\":\"ping\",\"id\":\"p" + i + "\"}\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
        // Replies come in request order, so once this one is back every ping before it has been answered.
        assertEquals(new ServerMessage.Pong("last"), client.request(new Request.Ping("last")));
        List<String> expected = IntStream.range(0, PINGS).mapToObj(i -> "p" + i).collect(Collectors.toList());
        expected.add("last");
        assertEquals(expected, client.replyOrder());
    }

    @Test
    void bytesThatAreNotTlsCloseOnlyThatConnection() throws Exception {
        TestClient steady = server.login("steady");
        try (Socket raw = new Socket(server.server().address().getAddress(), server.server().address().getPort())) {
            raw.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
            OutputStream out = raw.getOutputStream();
            out.write("{\"type\":\"ping\",\"id\":\"plain\"}\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = raw.getInputStream();
            try {
                // An alert at most, then the end of the stream; never a plaintext reply.
                byte[] answer = in.readAllBytes();
                assertTrue(answer.length < 16 && (answer.length == 0 || answer[0] == 0x15),
                        "expected nothing or a TLS alert, got " + answer.length + " bytes");
            } catch (SocketException reset) {
                // Reset is a close too.
            }
        }
        assertEquals(new ServerMessage.Pong("still"), steady.request(new Request.Ping("still")));
    }
}
