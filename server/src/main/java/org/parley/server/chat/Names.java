package org.parley.server.chat;

import java.util.Locale;
import java.util.regex.Pattern;

import org.parley.protocol.ErrorCode;
import org.parley.protocol.Limits;

/** The syntax of usernames, room names and conversation addresses ({@code #room}, {@code @user}). */
public final class Names {
    private static final Pattern USERNAME = Pattern.compile(
            "[A-Za-z0-9_.-]{" + Limits.MIN_USERNAME + "," + Limits.MAX_USERNAME + "}");
    private static final Pattern ROOM = Pattern.compile("#[A-Za-z0-9_.-]{1,64}");

    private Names() {
    }

    public static boolean isValidUsername(String name) {
        return name != null && USERNAME.matcher(name).matches();
    }

    /** Room names are case-insensitive; the server keeps them lower-cased. */
    public static String room(String name) {
        if (name == null || !ROOM.matcher(name).matches()) {
            throw new ChatException(ErrorCode.BAD_REQUEST,
                    "a room name is '#' followed by 1-64 letters, digits, '_', '.' or '-'");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** Conversation key of a private conversation: both user keys, sorted, so either side finds it. */
    public static String privateConversation(String userKeyA, String userKeyB) {
        return userKeyA.compareTo(userKeyB) <= 0 ? "@" + userKeyA + "|" + userKeyB : "@" + userKeyB + "|" + userKeyA;
    }
}
