package org.parley.client.ui.internal;

/** What people type for a conversation ("dev", "#dev", "@bob"), turned into wire addresses. */
public final class TypedAddresses {

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
}
