package org.parley.client.ui.internal;

/** Conversation names as the wire spells them: {@code #room} for rooms, {@code @user} for private chats. */
public final class Conversations {

    private Conversations() {
    }

    public static boolean isRoom(String conversation) {
        return conversation.startsWith("#");
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
}
