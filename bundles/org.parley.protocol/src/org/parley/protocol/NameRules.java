package org.parley.protocol;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one home of the name rules (docs/protocol.md, "NameRules"): what a username and a room name may be, and how names
 * fold case. The server enforces them, the client core keys conversations with them, the UI checks typed names with
 * them before anything is sent.
 */
public final class NameRules {
    /** The characters of usernames and room names, as error messages name them. */
    public static final String NAME_CHARACTERS = "A-Z a-z 0-9 _ . -";
    /** Longest room name after the {@code #}. */
    public static final int MAX_ROOM = 64;

    /** One character of a name, as a regular expression: {@link #NAME_CHARACTERS}. */
    private static final String NAME_CHAR = "[A-Za-z0-9_.-]";
    private static final Pattern USERNAME = Pattern.compile(
            NAME_CHAR + "{" + Limits.MIN_USERNAME + "," + Limits.MAX_USERNAME + "}");
    private static final Pattern USERNAME_PREFIX = Pattern.compile(NAME_CHAR + "{0," + Limits.MAX_USERNAME + "}");
    private static final Pattern ROOM = Pattern.compile("#" + NAME_CHAR + "{1," + MAX_ROOM + "}");

    private NameRules() {
    }

    /** 3-32 ASCII letters, digits, {@code _}, {@code .} or {@code -}. */
    public static boolean isUsername(String name) {
        return name != null && USERNAME.matcher(name).matches();
    }

    /** What a username may start with: at most 32 of its characters (none at all too: every name starts so). */
    public static boolean isUsernamePrefix(String text) {
        return text != null && USERNAME_PREFIX.matcher(text).matches();
    }

    /** {@code #} followed by 1-64 ASCII letters, digits, {@code _}, {@code .} or {@code -}. */
    public static boolean isRoom(String name) {
        return name != null && ROOM.matcher(name).matches();
    }

    /**
     * NameRules are case-insensitive: "Bob" and "bob" are one account, "#Dev" and "#dev" one room, "@Bob" and "@bob" one
     * conversation. This is the form they are compared and stored in (ASCII lower case, whatever the locale).
     */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
