package org.parley.server.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.JsonCodec;
import org.parley.protocol.Limits;
import org.parley.protocol.ProtocolException;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestServer;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The request dispatcher behind a real server (TLS, SQLite): the input's lines are sent as pipelined frames on
 * a fresh connection. Every request is answered exactly once (matched by a unique id the target gives it),
 * every bad frame gets exactly one refusal, no reply is INTERNAL, and the connection answers afterwards.
 */
class RequestDispatcherFuzzTest {
    /** Lines per input: well under the 256 requests a connection may have queued. */
    private static final int MAX_LINES = 64;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    private static TestServer server;
    private final JsonCodec codec = new JsonCodec();

    @BeforeAll
    static void start() throws Exception {
        // Flood control answers out of band by design; it is not what this target explores.
        server = TestServer.start(dir, config -> config.flood(1_000_000, 1_000_000));
        // The users of docs/protocol.md's examples, so seeded logins get in and reach the chat requests.
        for (String user : List.of("alice", "bob")) {
            TestServer.register(server.connect(), user);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @FuzzTest
    void answersEveryRequestExactlyOnce(byte[] input) throws Exception {
        // Jazzer's SSRF detector would report the target's own connection to the test server as a finding.
        try (SilentCloseable loopback = BugDetectors.allowNetworkConnections(
                (host, port) -> (host.equals("127.0.0.1") || host.equals("localhost"))
                        && port == server.server().address().getPort())) {
            exchange(input);
        }
    }

    private void exchange(byte[] input) throws Exception {
        TestClient c = server.connect();
        // Unguessable, so no raw frame (not even one with an escaped id) can claim one of these replies.
        String prefix = "fz" + UUID.randomUUID() + "-";
        try {
            Map<String, CompletableFuture<ServerMessage>> replies = new LinkedHashMap<>();
            int refusals = 0;
            for (byte[] line : lines(input)) {
                Request request = decode(line);
                if (request == null) {
                    c.sendBytes(withNewline(line));
                    refusals++;
                } else {
                    Request renamed = withId(request, prefix + replies.size());
                    if (codec.encodeFrame(renamed).length > Limits.MAX_FRAME_BYTES_UNAUTHENTICATED) {
                        continue; // re-encoding can grow a line (an escaped U+2028); TOO_LARGE is not explored here
                    }
                    replies.put(renamed.id(), c.send(renamed));
                }
            }
            // Replies come in request order, so once this one is here every earlier one has arrived. Not a ping:
            // the heartbeat filter answers those at once, ahead of the queue (docs/protocol.md §5).
            ServerMessage marker = c.send(new Request.Users(prefix + "end")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(true, marker instanceof ServerMessage.Users
                    || marker instanceof ServerMessage.Error e && e.code() == ErrorCode.NOT_AUTHENTICATED, marker::toString);
            for (Map.Entry<String, CompletableFuture<ServerMessage>> reply : replies.entrySet()) {
                ServerMessage answer = reply.getValue().getNow(null);
                assertNotEquals(null, answer, () -> "no reply to " + reply.getKey());
                if (answer instanceof ServerMessage.Error e) {
                    assertNotEquals(ErrorCode.INTERNAL, e.code(), () -> reply.getKey() + ": " + e.message());
                }
            }
            assertEquals(replies.size() + 1, c.replyOrder().stream().filter(re -> re.startsWith(prefix)).count(),
                    "exactly one reply per request: " + c.replyOrder());
            int refused = 0;
            for (ServerMessage m; (m = c.poll(Duration.ZERO)) != null; ) {
                if (m instanceof ServerMessage.Error e) {
                    WireInvariants.ownWords(e.message());
                    assertEquals(true, WireInvariants.BAD_FRAME_CODES.contains(e.code()), e::toString);
                    refused++;
                }
            }
            assertEquals(refusals, refused, "exactly one refusal per bad frame");
        } finally {
            c.close();
        }
    }

    /**
     * The input cut at newlines, each short enough for the logged-out frame limit (so no TOO_LARGE closes the
     * connection).
     */
    private static List<byte[]> lines(byte[] input) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= input.length && out.size() < MAX_LINES; i++) {
            if (i == input.length || input[i] == '\n') {
                int length = Math.min(i - start, Limits.MAX_FRAME_BYTES_UNAUTHENTICATED - 1);
                byte[] line = Arrays.copyOfRange(input, start, start + length);
                if (i < input.length || line.length > 0) {
                    out.add(line);
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** The request the server will see in this line (the same decoding: strict UTF-8, a trailing CR dropped), or null. */
    private Request decode(byte[] line) {
        int length = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line, 0, length)).toString();
            return text.isBlank() ? null : codec.decodeRequest(text);
        } catch (CharacterCodingException | ProtocolException e) {
            return null;
        }
    }

    private static byte[] withNewline(byte[] line) {
        byte[] out = Arrays.copyOf(line, line.length + 1);
        out[line.length] = '\n';
        return out;
    }

    private static Request withId(Request r, String id) {
        if (r instanceof Request.Register x) {
            return new Request.Register(id, x.username(), x.password());
        } else if (r instanceof Request.Login x) {
            return new Request.Login(id, x.username(), x.password());
        } else if (r instanceof Request.Resume x) {
            return new Request.Resume(id, x.token());
        } else if (r instanceof Request.Logout) {
            return new Request.Logout(id);
        } else if (r instanceof Request.Users x) {
            return new Request.Users(id, x.after(), x.limit());
        } else if (r instanceof Request.Watch x) {
            return new Request.Watch(id, x.users());
        } else if (r instanceof Request.Rooms x) {
            return new Request.Rooms(id, x.after(), x.limit());
        } else if (r instanceof Request.Join x) {
            return new Request.Join(id, x.room());
        } else if (r instanceof Request.Leave x) {
            return new Request.Leave(id, x.room());
        } else if (r instanceof Request.Send x) {
            return new Request.Send(id, x.to(), x.text(), x.key());
        } else if (r instanceof Request.History x) {
            return new Request.History(id, x.with(), x.before(), x.after(), x.limit());
        } else if (r instanceof Request.Ping) {
            return new Request.Ping(id);
        } else if (r instanceof Request.Read x) {
            return new Request.Read(id, x.with(), x.upTo());
        } else if (r instanceof Request.Search x) {
            return new Request.Search(id, x.query(), x.with(), x.before(), x.limit());
        } else if (r instanceof Request.Unread) {
            return new Request.Unread(id);
        }
        throw new AssertionError("unknown request " + r);
    }
}
