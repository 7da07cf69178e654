package org.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonCodecTest {

    private final JsonCodec codec = new JsonCodec();

    @Test
    void requestsRoundTrip() throws ProtocolException {
        List<Request> requests = List.of(
                new Request.Register("1", "alice", "correct horse"),
                new Request.Login("2", "alice", "correct horse"),
                new Request.Resume("3", "tok"),
                new Request.Logout("4"),
                new Request.Users("5"),
                new Request.Users("5b", "bob", 10, "Al"),
                new Request.Rooms("6"),
                new Request.Rooms("6b", "#dev", 100),
                new Request.Join("7", "#java"),
                new Request.Leave("8", "#java"),
                new Request.Send("9", "@bob", "hi \"there\"\n<b>", "k-1"),
                new Request.Send("10", "#general", "no key", null),
                new Request.History("11", "#general", 42L, null, 20),
                new Request.Ping("12"),
                new Request.Read("13", "@bob", 42),
                new Request.Unread("14"),
                new Request.Search("15", "release \"notes\" OR", "#dev", 42L, 10),
                new Request.Search("16", "x", null, null, null));
        for (Request request : requests) {
            assertEquals(request, codec.decodeRequest(codec.encode(request)), () -> "round trip of " + request);
        }
    }

    @Test
    void serverMessagesRoundTrip() throws ProtocolException {
        ChatMessage msg = new ChatMessage(42, "alice", "#general", "hi ✓", Instant.parse("2026-11-24T20:00:00.123Z"));
        List<ServerMessage> messages = List.of(
                new ServerMessage.Welcome(1, "parley/0.1.0"),
                new ServerMessage.Ok("1", "alice", "token", null),
                new ServerMessage.Ok("2", null, null, msg),
                ServerMessage.Ok.of("3"),
                new ServerMessage.Users("4", List.of("alice", "bob")),
                new ServerMessage.Rooms("5", List.of(new RoomInfo("#general", 12, true))),
                new ServerMessage.History("6", List.of(msg)),
                new ServerMessage.History("6b", List.of(msg), true),
                new ServerMessage.Rooms("5b", List.of(new RoomInfo("#dev", 1, false)), true),
                new ServerMessage.Pong("7"),
                new ServerMessage.Error("8", ErrorCode.RATE_LIMITED, "slow down", 250L),
                ServerMessage.Error.of(null, ErrorCode.TOO_LARGE, "too big"),
                new ServerMessage.Presence("bob", true),
                new ServerMessage.Ping(),
                new ServerMessage.MessagePush(msg),
                new ServerMessage.Unread("9", List.of(new UnreadInfo("#dev", 40, 2, 1, 42), new UnreadInfo("@bob", 0, 0, 0, 0))),
                new ServerMessage.ReadPush("#dev", 42),
                new ServerMessage.Search("10", List.of(new SearchHit("#general", msg)), true),
                new ServerMessage.Search("11", List.of(), null));
        for (ServerMessage message : messages) {
            assertEquals(message, codec.decodeServerMessage(codec.encode(message)), () -> "round trip of " + message);
        }
    }

    @Test
    void encodesTheDocumentedShape() {
        ChatMessage msg = new ChatMessage(42, "alice", "#general", "hi", Instant.parse("2026-11-24T20:00:00.123Z"));
        assertEquals("{\"type\":\"message\",\"msg\":{\"id\":42,\"from\":\"alice\",\"to\":\"#general\",\"text\":\"hi\","
                + "\"ts\":\"2026-11-24T20:00:00.123Z\"}}", codec.encode(new ServerMessage.MessagePush(msg)));
        assertEquals("{\"type\":\"welcome\",\"protocol\":1,\"server\":\"parley/1\"}",
                codec.encode(new ServerMessage.Welcome(1, "parley/1")));
        assertEquals("{\"type\":\"error\",\"re\":null,\"code\":\"TOO_LARGE\",\"message\":\"m\"}",
                codec.encode(ServerMessage.Error.of(null, ErrorCode.TOO_LARGE, "m")));
        assertEquals("{\"type\":\"ok\",\"re\":\"x\"}", codec.encode(ServerMessage.Ok.of("x")));
        assertEquals("{\"type\":\"logout\",\"id\":\"x\"}", codec.encode(new Request.Logout("x")));
        assertEquals("{\"type\":\"ping\"}", codec.encode(new ServerMessage.Ping()));
        // "more" appears only when true, so a complete page looks exactly as it always did.
        assertEquals("{\"type\":\"history\",\"re\":\"h\",\"messages\":[]}", codec.encode(new ServerMessage.History("h", List.of(), false)));
        assertEquals("{\"type\":\"history\",\"re\":\"h\",\"messages\":[],\"more\":true}",
                codec.encode(new ServerMessage.History("h", List.of(), true)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json at all                                   | BAD_REQUEST  |",
            "[1,2]                                             | BAD_REQUEST  |",
            "{\"id\":\"7\"}                                    | BAD_REQUEST  | 7",
            "{\"type\":\"dance\",\"id\":\"7\"}                 | UNKNOWN_TYPE | 7",
            "{\"type\":\"login\",\"id\":\"7\",\"username\":\"a\"} | BAD_REQUEST | 7",
            "{\"type\":\"login\",\"id\":\"7\",\"username\":5,\"password\":\"p\"} | BAD_REQUEST | 7",
            "{\"type\":\"history\",\"id\":\"7\",\"with\":\"#g\",\"limit\":1.5} | BAD_REQUEST | 7",
            "{\"type\":\"history\",\"id\":\"7\",\"with\":\"#g\",\"before\":\"3\"} | BAD_REQUEST | 7",
            "{\"type\":\"ping\",\"id\":7}                      | BAD_REQUEST  |",
            "{\"type\":\"ping\"}                               | BAD_REQUEST  |",
    })
    void rejectsBadFramesWithCodeAndId(String json, ErrorCode code, String id) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decodeRequest(json.trim()));
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(id, e.requestId());
    }

    @Test
    void errorMessageNamesTheField() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> codec.decodeRequest("{\"type\":\"send\",\"id\":\"1\",\"to\":\"#g\",\"text\":true}"));
        assertTrue(e.getMessage().contains("'text'"), e.getMessage());
    }

    @Test
    void unknownErrorCodesFromNewerServersBecomeInternal() throws ProtocolException {
        ServerMessage m = codec.decodeServerMessage("{\"type\":\"error\",\"re\":null,\"code\":\"SOMETHING_NEW\",\"message\":\"m\"}");
        ServerMessage.Error error = (ServerMessage.Error) m;
        assertEquals(ErrorCode.INTERNAL, error.code());
        assertNull(error.re());
    }

    @Test
    void deeplyNestedJsonIsRejectedNotCrashing() {
        String deep = "[".repeat(100_000);
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decodeRequest(deep));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
    }

    @Test
    void readNeedsAnIntegerUpTo() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> codec.decodeRequest("{\"type\":\"read\",\"id\":\"r\",\"with\":\"#dev\",\"upTo\":\"42\"}"));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertEquals("r", e.requestId());
        assertThrows(ProtocolException.class, () -> codec.decodeRequest("{\"type\":\"read\",\"id\":\"r\",\"with\":\"#dev\"}"));
    }
}
