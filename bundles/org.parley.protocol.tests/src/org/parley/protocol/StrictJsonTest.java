package org.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/protocol.md §2: a frame is one strict RFC 8259 JSON object, and refusals are worded by Parley, not Gson. */
class StrictJsonTest {

    private final JsonCodec codec = new JsonCodec();

    private ProtocolException refused(String frame) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decodeRequest(frame), frame);
        assertEquals(ErrorCode.BAD_REQUEST, e.code(), e.getMessage());
        return e;
    }

    /** {@code ~} stands for a backslash and {@code ^} for a raw U+0001, to keep the table readable. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{'type':'ping','id':'1'}                      | not strict JSON",
            "{type:\"ping\",\"id\":\"1\"}                  | not strict JSON",
            "{\"type\":\"ping\",\"id\":\"1\",\"n\":NaN}    | not strict JSON",
            "{\"type\":\"ping\",\"id\":\"1\",\"n\":Infinity} | not strict JSON",
            "{\"type\":\"ping\",\"id\":\"1\",}             | not strict JSON",
            "{\"type\":\"ping\",\"id\":\"1\",\"n\":01}     | not strict JSON",
            "{\"type\":\"ping\",\"id\":\"1\",\"n\":[1,]}   | not strict JSON",
            "{\"type\":\"ping\",\"id\":\"1^\"}             | raw control character",
            "{\"type\":\"ping\",\"id\":\"~ud800\"}         | not valid Unicode",
            "{\"type\":\"ping\",\"id\":\"~x\"}             | invalid escape",
            "{\"type\":\"ping\",\"id\":\"~u00\"}           | invalid escape",
            "{\"type\":\"ping\",\"id\":\"1\",\"id\":\"2\"} | 'id' appears twice",
            "{\"type\":\"ping\",\"type\":\"ping\",\"id\":\"1\"} | 'type' appears twice",
            "{\"type\":\"ping\",\"id\":\"1\"} x            | more after the object",
            "{\"type\":\"ping\",\"id\":\"1\"}{}            | more after the object",
            "{\"type\":\"ping\",\"id\":\"1\"};             | more after the object",
            "{\"type\":\"ping\",\"id\":\"1\"               | ends inside the object",
    })
    void refusesWhatRfc8259Refuses(String table, String why) {
        String frame = table.replace('~', '\\').replace('^', '\u0001');
        ProtocolException e = refused(frame);
        assertTrue(e.getMessage().startsWith("malformed JSON: "), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void refusesALeadingByteOrderMark() {
        assertTrue(refused("\uFEFF{\"type\":\"ping\",\"id\":\"1\"}").getMessage().contains("byte order mark"));
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String deep = "[".repeat(Limits.MAX_JSON_NESTING) + "]".repeat(Limits.MAX_JSON_NESTING);
        assertTrue(refused("{\"type\":\"ping\",\"id\":\"1\",\"x\":" + deep + "}").getMessage()
                .contains("nested deeper than " + Limits.MAX_JSON_NESTING));
    }

    @Test
    void acceptsStrictJsonWithWhitespaceEscapesAndSurrogatePairs() throws ProtocolException {
        assertEquals(new Request.Send("1", "#g", "a\n\u00e9\uD83D\uDE00\u2028", "k"), codec.decodeRequest(
                " { \"type\" : \"send\" ,\t\"id\":\"1\", \"to\":\"#g\",\"text\":\"a\\n\\u00e9\\ud83d\\ude00\u2028\","
                        + "\"key\":\"k\",\"extra\":{\"n\":[1,-0,2.5e3,true,null]} } "));
        int justDeepEnough = Limits.MAX_JSON_NESTING - 1;
        String nested = "[".repeat(justDeepEnough) + "]".repeat(justDeepEnough);
        assertEquals(new Request.Ping("2"), codec.decodeRequest("{\"type\":\"ping\",\"id\":\"2\",\"x\":" + nested + "}"));
    }

    @Test
    void unpairedSurrogatesAreRefusedInEveryStringField() {
        for (String bad : List.of("\\ud800", "\\udbff", "\\udc00", "a\\ud83d", "\\ude00b", "\\ud83d\\ud83d")) {
            refused("{\"type\":\"send\",\"id\":\"1\",\"to\":\"#g\",\"text\":\"x\",\"key\":\"" + bad + "\"}");
            refused("{\"type\":\"send\",\"id\":\"1\",\"to\":\"#g\",\"text\":\"" + bad + "\"}");
            refused("{\"type\":\"send\",\"id\":\"1\",\"to\":\"#g\",\"text\":\"x\",\"" + bad + "\":1}");
        }
        // A Java string can hold a raw unpaired surrogate too (the frame decoder cannot produce one, a caller can).
        refused("{\"type\":\"send\",\"id\":\"1\",\"to\":\"#g\",\"text\":\"\uD800\"}");
    }

    @Test
    void aRefusedFrameStillNamesItsRequestWhenItsIdCanBeRead() {
        assertEquals("s1", refused("{\"type\":\"send\",\"id\":\"s1\",\"to\":\"#g\",\"text\":\"\\ud800\"}").requestId());
        assertEquals("q1", refused("{'type':'ping','id':'q1'}").requestId());
        assertEquals(null, refused("{\"type\":\"ping\",\"id\":\"\\ud800\"}").requestId(), "an invalid id is not echoed");
        assertEquals(null, refused("{not json").requestId());
        assertEquals(null, refused("{\"type\":\"ping\",\"id\":7,\"x\":NaN}").requestId());
    }

    /** Item 7 of issue 15: no Gson advice, troubleshooting URL or JSON path, no echo of the peer's bytes. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{oops", "not json at all", "{'a':1}", "{\"a\":NaN}", "{\"a\":\"~u00zz\"}", "{\"a\":{\"b\":[1,]}}",
            "{\"a\":\"^\"}", "{\"a\":\"~ud800\"}", "{\"a\":1} x", "{\"a\":", "{\"type\":\"<script>\",\"id\":\"1\"}",
            "{\"type\":\"ping\",\"id\":\"1\",\"<script>\":1,\"<script>\":2}",
    })
    void refusalsSpeakParleysOwnWords(String table) {
        String frame = table.replace('~', '\\').replace('^', '\u0001');
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decodeRequest(frame));
        String message = e.getMessage().toLowerCase(Locale.ROOT);
        for (String leak : List.of("gson", "strictness", "lenient", "http", "troubleshooting", "path $", "$.", "line 1",
                "exception", "<script>", "zz")) {
            assertFalse(message.contains(leak), () -> "'" + leak + "' in: " + e.getMessage());
        }
    }

    @Test
    void anUnknownTypeIsNamedByTheRuleNotEchoed() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> codec.decodeRequest("{\"type\":\"" + "x".repeat(5000) + "\",\"id\":\"7\"}"));
        assertEquals(ErrorCode.UNKNOWN_TYPE, e.code());
        assertEquals("7", e.requestId());
        assertTrue(e.getMessage().length() < 300, e.getMessage());
        assertTrue(e.getMessage().contains("send"), "lists the known types: " + e.getMessage());
    }
}
