package org.parley.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

/**
 * Reads one frame as the single RFC 8259 JSON object docs/protocol.md §2 asks for. Gson's strict mode refuses
 * single quotes, unquoted names, raw control characters, unpaired surrogates and NaN; this class adds what it
 * still lets through (a repeated member name, where Gson keeps the last; a leading byte order mark; anything
 * after the object) and words every refusal itself, so no Gson advice, URL or JSON path reaches a peer. Why not
 * a stricter parser (Jackson with duplicate detection): a second JSON library in the client bundles and the server
 * for the three checks above, and its messages would need the same rewording.
 */
final class StrictJson {
    /** Where Gson says the error is; frames are one line, so its column is the character position. */
    private static final Pattern COLUMN = Pattern.compile(" column (\\d+)");

    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9_]{1,32}");

    private StrictJson() {
    }

    static JsonObject parseObject(String text) throws ProtocolException {
        try {
            return parse(text);
        } catch (ProtocolException e) {
            String id = salvageId(text);
            throw id == null ? e : e.withRequestId(id);
        }
    }

    private static JsonObject parse(String text) throws ProtocolException {
        if (text.startsWith("\uFEFF")) {
            throw malformed("a byte order mark before the object");
        }
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        reader.setNestingLimit(Limits.MAX_JSON_NESTING);
        boolean objectRead = false;
        try {
            JsonToken first = reader.peek();
            if (first != JsonToken.BEGIN_OBJECT) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "a frame must be a JSON object");
            }
            JsonObject object = readObject(reader);
            objectRead = true;
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw malformed("more after the object");
            }
            return object;
        } catch (MalformedJsonException e) {
            throw malformed(objectRead ? "more after the object" : rule(e.getMessage()) + at(e.getMessage()));
        } catch (EOFException e) {
            throw malformed("the frame ends inside the object");
        } catch (IOException | NumberFormatException | IllegalStateException e) {
            // NumberFormatException: a number BigDecimal cannot hold (an exponent beyond 32 bits).
            throw malformed("not a valid JSON object");
        }
    }

    private static JsonElement readValue(JsonReader reader) throws IOException, ProtocolException {
        switch (reader.peek()) {
            case BEGIN_OBJECT:
                return readObject(reader);
            case BEGIN_ARRAY:
                JsonArray array = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(readValue(reader));
                }
                reader.endArray();
                return array;
            case STRING:
                return new JsonPrimitive(reader.nextString());
            case NUMBER:
                return new JsonPrimitive(new BigDecimal(reader.nextString()));
            case BOOLEAN:
                return new JsonPrimitive(reader.nextBoolean());
            case NULL:
                reader.nextNull();
                return JsonNull.INSTANCE;
            default:
                throw new MalformedJsonException("Expected a value" + reader.getPath());
        }
    }

    /** Recursion is bounded by the reader's nesting limit, far below what a thread's stack holds. */
    private static JsonObject readObject(JsonReader reader) throws IOException, ProtocolException {
        JsonObject object = new JsonObject();
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            if (object.has(name)) {
                throw malformed("the name '" + printable(name) + "' appears twice in one object");
            }
            object.add(name, readValue(reader));
        }
        reader.endObject();
        return object;
    }

    /**
     * The top-level string {@code id} a lenient reading of a refused frame finds, so the peer still learns which
     * request failed (a client waiting for that reply would otherwise wait forever); null if there is none.
     */
    private static String salvageId(String text) {
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.LENIENT);
            reader.setNestingLimit(Limits.MAX_JSON_NESTING);
            JsonElement root = JsonParser.parseReader(reader);
            JsonElement id = root.isJsonObject() ? root.getAsJsonObject().get("id") : null;
            boolean string = id != null && id.isJsonPrimitive() && id.getAsJsonPrimitive().isString();
            return string && isValidUnicode(id.getAsString()) ? id.getAsString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** False for a string with an unpaired surrogate, which has no UTF-8 form (it would go out as '?'). */
    static boolean isValidUnicode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The broken rule, in our words, from Gson's wording of it (pinned by JsonCodecTest for each case). */
    private static String rule(String gsonMessage) {
        String m = gsonMessage == null ? "" : gsonMessage;
        if (m.startsWith("Unescaped control characters")) {
            return "a raw control character inside a string (escape it, e.g. \\n)";
        }
        if (m.startsWith("Unpaired surrogate")) {
            return "a string that is not valid Unicode (an unpaired surrogate)";
        }
        if (m.startsWith("Nesting limit")) {
            return "nested deeper than " + Limits.MAX_JSON_NESTING + " levels";
        }
        if (m.contains("escape")) {
            return "an invalid escape sequence inside a string";
        }
        return "not strict JSON (names and strings in double quotes, no trailing commas, no NaN)";
    }

    private static String at(String gsonMessage) {
        Matcher column = COLUMN.matcher(gsonMessage == null ? "" : gsonMessage);
        return column.find() ? " at character " + column.group(1) : "";
    }

    /** Names come from the peer: quote one only if it looks like a field name (no markup, no essays). */
    private static String printable(String name) {
        return FIELD_NAME.matcher(name).matches() ? name : "...";
    }

    private static ProtocolException malformed(String why) {
        return new ProtocolException(ErrorCode.BAD_REQUEST, "malformed JSON: " + why);
    }
}
