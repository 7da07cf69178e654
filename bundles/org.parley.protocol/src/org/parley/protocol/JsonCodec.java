package org.parley.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;

/**
 * Turns protocol v1 frames into typed messages and back. One JSON object per frame; the framing itself
 * (newline, size limits) belongs to {@link org.parley.protocol.mina.FrameCodecFactory}. Thread-safe.
 */
public final class JsonCodec {

    private static final Map<Class<? extends Message>, String> TYPE_NAMES = new HashMap<>();
    private static final Map<String, Decoder<? extends Request>> REQUESTS = new HashMap<>();
    private static final Map<String, Decoder<? extends ServerMessage>> SERVER_MESSAGES = new HashMap<>();

    static {
        request("register", Request.Register.class, f -> new Request.Register(f.string("id"), f.string("username"), f.string("password")));
        request("login", Request.Login.class, f -> new Request.Login(f.string("id"), f.string("username"), f.string("password")));
        request("resume", Request.Resume.class, f -> new Request.Resume(f.string("id"), f.string("token")));
        request("logout", Request.Logout.class, f -> new Request.Logout(f.string("id")));
        request("users", Request.Users.class,
                f -> new Request.Users(f.string("id"), f.optionalString("after"), f.optionalInt("limit"),
                        f.optionalString("prefix")));
        request("watch", Request.Watch.class, f -> new Request.Watch(f.string("id"), f.list("users", JsonFields::stringElement)));
        request("rooms", Request.Rooms.class,
                f -> new Request.Rooms(f.string("id"), f.optionalString("after"), f.optionalInt("limit")));
        request("join", Request.Join.class, f -> new Request.Join(f.string("id"), f.string("room")));
        request("leave", Request.Leave.class, f -> new Request.Leave(f.string("id"), f.string("room")));
        request("send", Request.Send.class,
                f -> new Request.Send(f.string("id"), f.string("to"), f.string("text"), f.optionalString("key")));
        request("history", Request.History.class, f -> new Request.History(f.string("id"), f.string("with"),
                f.optionalLong("before"), f.optionalLong("after"), f.optionalInt("limit")));
        request("ping", Request.Ping.class, f -> new Request.Ping(f.string("id")));
        request("read", Request.Read.class, f -> new Request.Read(f.string("id"), f.string("with"), f.longValue("upTo")));
        request("search", Request.Search.class, f -> new Request.Search(f.string("id"), f.string("query"),
                f.optionalString("with"), f.optionalLong("before"), f.optionalInt("limit")));
        request("unread", Request.Unread.class, f -> new Request.Unread(f.string("id")));

        server("welcome", ServerMessage.Welcome.class, f -> new ServerMessage.Welcome(f.intValue("protocol"), f.string("server")));
        server("ok", ServerMessage.Ok.class, f -> new ServerMessage.Ok(f.string("re"), f.optionalString("user"),
                f.optionalString("resume"), f.has("msg") ? chatMessage(f.object("msg")) : null));
        server("users", ServerMessage.Users.class,
                f -> new ServerMessage.Users(f.string("re"), f.list("online", JsonFields::stringElement), more(f)));
        server("watch", ServerMessage.Watch.class,
                f -> new ServerMessage.Watch(f.string("re"), f.list("online", JsonFields::stringElement)));
        server("rooms", ServerMessage.Rooms.class, f -> new ServerMessage.Rooms(f.string("re"),
                f.list("rooms", JsonFields.objects(r -> new RoomInfo(r.string("name"), r.intValue("members"), r.bool("joined")))),
                more(f)));
        server("history", ServerMessage.History.class, f -> new ServerMessage.History(f.string("re"),
                f.list("messages", JsonFields.objects(JsonCodec::chatMessage)), more(f)));
        server("pong", ServerMessage.Pong.class, f -> new ServerMessage.Pong(f.string("re")));
        server("error", ServerMessage.Error.class, f -> new ServerMessage.Error(f.optionalString("re"),
                errorCode(f.string("code")), f.string("message"), f.optionalLong("retryAfterMs")));
        server("presence", ServerMessage.Presence.class, f -> new ServerMessage.Presence(f.string("user"), f.bool("online")));
        server("ping", ServerMessage.Ping.class, f -> new ServerMessage.Ping());
        server("unread", ServerMessage.Unread.class, f -> new ServerMessage.Unread(f.string("re"),
                f.list("conversations", JsonFields.objects(u -> new UnreadInfo(u.string("with"), u.longValue("upTo"),
                        u.intValue("unread"), u.intValue("mentions"), u.longValue("last"))))));
        server("search", ServerMessage.Search.class, f -> new ServerMessage.Search(f.string("re"),
                f.list("results", JsonFields.objects(h -> new SearchHit(h.string("with"), chatMessage(h.object("msg"))))),
                more(f)));
        server("read", ServerMessage.ReadPush.class, f -> new ServerMessage.ReadPush(f.string("with"), f.longValue("upTo")));
        server("message", ServerMessage.MessagePush.class, f -> new ServerMessage.MessagePush(chatMessage(f.object("msg"))));
    }

    private final Gson gson = new GsonBuilder().disableHtmlEscaping().registerTypeAdapter(Instant.class, new InstantAdapter()).create();

    /** Encodes one message as a single-line JSON object (no trailing newline), {@code type} first. */
    public String encode(Message message) {
        String type = TYPE_NAMES.get(message.getClass());
        String body = gson.toJson(message);
        StringBuilder out = new StringBuilder(body.length() + type.length() + 24);
        out.append("{\"type\":\"").append(type).append('"');
        if (message instanceof ServerMessage.Error error && error.re() == null) {
            // The spec keeps "re" present (as null) on unsolicited errors so clients can tell them apart.
            out.append(",\"re\":null");
        }
        if (body.length() > 2) {
            out.append(',').append(body, 1, body.length());
        } else {
            out.append('}');
        }
        return out.toString();
    }

    /** {@link #encode} plus the terminating newline, as UTF-8: what goes on the wire. */
    public byte[] encodeFrame(Message message) {
        return (encode(message) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes a frame a client sent. */
    public Request decodeRequest(String json) throws ProtocolException {
        return decode(json, REQUESTS);
    }

    /** Decodes a frame the server sent. */
    public ServerMessage decodeServerMessage(String json) throws ProtocolException {
        return decode(json, SERVER_MESSAGES);
    }

    private static <T extends Message> T decode(String json, Map<String, Decoder<? extends T>> decoders) throws ProtocolException {
        JsonObject object = StrictJson.parseObject(json);
        String id = readableId(object);
        try {
            JsonFields fields = new JsonFields(object, "");
            String type = fields.string("type");
            Decoder<? extends T> decoder = decoders.get(type);
            if (decoder == null) {
                // Named by the rule, not echoed: the type is the peer's text, up to a whole frame of it.
                throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown type; known types: " + knownTypes(decoders));
            }
            return decoder.decode(fields);
        } catch (ProtocolException e) {
            throw e.requestId() == null && id != null ? e.withRequestId(id) : e;
        }
    }

    private static String knownTypes(Map<String, ?> decoders) {
        return String.join(", ", new TreeSet<>(decoders.keySet()));
    }

    /** The request id, if present and a string, so even a rejected request can be correlated. */
    private static String readableId(JsonObject object) {
        JsonElement id = object.get("id");
        return id != null && id.isJsonPrimitive() && id.getAsJsonPrimitive().isString() ? id.getAsString() : null;
    }

    private static ChatMessage chatMessage(JsonFields f) throws ProtocolException {
        return new ChatMessage(f.longValue("id"), f.string("from"), f.string("to"), f.string("text"), f.instant("ts"));
    }

    /** {@code more} is sent only when true. */
    private static Boolean more(JsonFields f) throws ProtocolException {
        return f.has("more") && f.bool("more") ? Boolean.TRUE : null;
    }

    private static ErrorCode errorCode(String name) {
        try {
            return ErrorCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            // A newer server may add codes; treat them as a server-side failure rather than rejecting the frame.
            return ErrorCode.INTERNAL;
        }
    }

    private static <T extends Request> void request(String type, Class<T> clazz, Decoder<T> decoder) {
        TYPE_NAMES.put(clazz, type);
        REQUESTS.put(type, decoder);
    }

    private static <T extends ServerMessage> void server(String type, Class<T> clazz, Decoder<T> decoder) {
        TYPE_NAMES.put(clazz, type);
        SERVER_MESSAGES.put(type, decoder);
    }

    @FunctionalInterface
    private interface Decoder<T> {
        T decode(JsonFields fields) throws ProtocolException;
    }

    private static final class InstantAdapter extends TypeAdapter<Instant> {
        @Override
        public void write(JsonWriter out, Instant value) throws java.io.IOException {
            if (value == null) {
                out.nullValue();
            } else {
                out.value(value.toString());
            }
        }

        @Override
        public Instant read(JsonReader in) throws java.io.IOException {
            return Instant.parse(in.nextString());
        }
    }
}
