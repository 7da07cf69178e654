package org.parley.client.ui.internal;

import org.parley.protocol.NameRules;

/** What people type for a conversation ("dev", "#dev", "@bob"), turned into wire addresses. */
public final class TypedAddresses {

    /** Longest room name after the {@code #} (docs/protocol.md, "Rooms"). */
    public static final int MAX_ROOM = NameRules.MAX_ROOM;

    private TypedAddresses() {
    }

    public static String privateWith(String user) {
        return "@" + user;
    }

    /** Accepts what people type ("dev", "#dev") and returns the wire name of the room. */
    public static String room(String typed) {
        String name = typed.trim();
        return name.startsWith("#") ? name : "#" + name;
    }

    /** Accepts "bob" or "@bob". */
    public static String user(String typed) {
        String name = typed.trim();
        return name.startsWith("@") ? name.substring(1) : name;
    }

    /** Whether a wire room name ({@link #room}'s result) is one the server accepts (checked before sending). */
    public static boolean isRoom(String room) {
        return NameRules.isRoom(room);
    }

    /** Whether a username ({@link #user}'s result) is one the server accepts (checked before sending). */
    public static boolean isUser(String user) {
        return NameRules.isUsername(user);
    }
}
