package org.parley.protocol;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Strict, typed access to one JSON object's fields. Gson's own binding coerces numbers into strings and
 * silently drops type errors; the protocol promises a BAD_REQUEST naming the field instead.
 */
final class JsonFields {
    private final JsonObject object;
    private final String where;

    JsonFields(JsonObject object, String where) {
        this.object = object;
        this.where = where;
    }

    boolean has(String name) {
        JsonElement e = object.get(name);
        return e != null && !e.isJsonNull();
    }

    String string(String name) throws ProtocolException {
        String value = optionalString(name);
        if (value == null) {
            throw missing(name, "a string");
        }
        return value;
    }

    String optionalString(String name) throws ProtocolException {
        JsonPrimitive p = primitive(name);
        if (p == null) {
            return null;
        }
        if (!p.isString()) {
            throw wrongType(name, "a string");
        }
        return p.getAsString();
    }

    long longValue(String name) throws ProtocolException {
        Long value = optionalLong(name);
        if (value == null) {
            throw missing(name, "an integer");
        }
        return value;
    }

    Long optionalLong(String name) throws ProtocolException {
        JsonPrimitive p = primitive(name);
        if (p == null) {
            return null;
        }
        if (!p.isNumber()) {
            throw wrongType(name, "an integer");
        }
        try {
            return p.getAsBigDecimal().longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw wrongType(name, "an integer");
        }
    }

    int intValue(String name) throws ProtocolException {
        long value = longValue(name);
        return toInt(name, value);
    }

    Integer optionalInt(String name) throws ProtocolException {
        Long value = optionalLong(name);
        return value == null ? null : toInt(name, value);
    }

    boolean bool(String name) throws ProtocolException {
        JsonPrimitive p = primitive(name);
        if (p == null) {
            throw missing(name, "a boolean");
        }
        if (!p.isBoolean()) {
            throw wrongType(name, "a boolean");
        }
        return p.getAsBoolean();
    }

    Instant instant(String name) throws ProtocolException {
        String text = string(name);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw wrongType(name, "an ISO-8601 UTC timestamp");
        }
    }

    JsonFields object(String name) throws ProtocolException {
        JsonElement e = object.get(name);
        if (e == null || e.isJsonNull()) {
            throw missing(name, "an object");
        }
        if (!e.isJsonObject()) {
            throw wrongType(name, "an object");
        }
        return new JsonFields(e.getAsJsonObject(), where + name + ".");
    }

    <T> List<T> list(String name, ElementReader<T> reader) throws ProtocolException {
        JsonElement e = object.get(name);
        if (e == null || e.isJsonNull()) {
            throw missing(name, "an array");
        }
        if (!e.isJsonArray()) {
            throw wrongType(name, "an array");
        }
        List<T> out = new ArrayList<>(e.getAsJsonArray().size());
        int i = 0;
        for (JsonElement item : e.getAsJsonArray()) {
            out.add(reader.read(item, where + name + "[" + i++ + "]"));
        }
        return out;
    }

    static String stringElement(JsonElement item, String path) throws ProtocolException {
        if (item.isJsonPrimitive() && item.getAsJsonPrimitive().isString()) {
            return item.getAsString();
        }
        throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + path + "' must be a string");
    }

    static <T> ElementReader<T> objects(ObjectReader<T> reader) {
        return (item, path) -> {
            if (!item.isJsonObject()) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + path + "' must be an object");
            }
            return reader.read(new JsonFields(item.getAsJsonObject(), path + "."));
        };
    }

    @FunctionalInterface
    interface ElementReader<T> {
        T read(JsonElement item, String path) throws ProtocolException;
    }

    @FunctionalInterface
    interface ObjectReader<T> {
        T read(JsonFields fields) throws ProtocolException;
    }

    private int toInt(String name, long value) throws ProtocolException {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "field '" + where + name + "' is out of range");
        }
        return (int) value;
    }

    private JsonPrimitive primitive(String name) throws ProtocolException {
        JsonElement e = object.get(name);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonPrimitive()) {
            throw wrongType(name, "a string, number or boolean");
        }
        return e.getAsJsonPrimitive();
    }

    private ProtocolException missing(String name, String expected) {
        return new ProtocolException(ErrorCode.BAD_REQUEST, "missing field '" + where + name + "' (" + expected + ")");
    }

    private ProtocolException wrongType(String name, String expected) {
        return new ProtocolException(ErrorCode.BAD_REQUEST, "field '" + where + name + "' must be " + expected);
    }
}
