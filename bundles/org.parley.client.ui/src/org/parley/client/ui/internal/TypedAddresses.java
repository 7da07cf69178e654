package org.parley.client.ui.internal;

import java.util.regex.Pattern;

import org.parley.protocol.Limits;

/** What people type for a conversation ("dev", "#dev", "@bob"), turned into wire addresses. */
public final class TypedAddresses {

    /** Longest room name after the {@code #} (docs/protocol.md, "Rooms"). */
    public static final int MAX_ROOM = 64;

    // The server's rules (docs/protocol.md): checked here too so a dialog can say what is wrong before anything is sent.
    private static final Pattern ROOM = Pattern.compile("#[A-Za-z0-9_.-]{1," + MAX_ROOM + "}");
    private static final Pattern USER = Pattern.compile(
            "[A-Za-z0-9_.-]{" + Limits.MIN_USERNAME + "," + Limits.MAX_USERNAME + "}");

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

    /** Whether a wire room name ({@link #room}'s result) is one the server accepts. */
    public static boolean isRoom(String room) {
        return ROOM.matcher(room).matches();
    }

    /** Whether a username ({@link #user}'s result) is one the server accepts. */
    public static boolean isUser(String user) {
        return USER.matcher(user).matches();
    }
}
