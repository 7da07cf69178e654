package org.parley.server.chat;

import org.parley.protocol.ErrorCode;
import org.parley.protocol.NameRules;
import org.parley.server.RequestRefusedException;

/** The server's use of the name rules ({@link NameRules}): refusing bad room names, keying private conversations. */
public final class Names {

    private Names() {
    }

    public static boolean isValidUsername(String name) {
        return NameRules.isUsername(name);
    }

    /** Room names are case-insensitive; the server keeps them lower-cased. */
    public static String room(String name) {
        if (!NameRules.isRoom(name)) {
            throw new RequestRefusedException(ErrorCode.BAD_REQUEST,
                    "a room name is '#' followed by 1-" + NameRules.MAX_ROOM + " letters, digits, '_', '.' or '-'");
        }
        return NameRules.key(name);
    }

    /** Conversation key of a private conversation: both user keys, sorted, so either side finds it. */
    public static String privateConversation(String userKeyA, String userKeyB) {
        return userKeyA.compareTo(userKeyB) <= 0 ? "@" + userKeyA + "|" + userKeyB : "@" + userKeyB + "|" + userKeyA;
    }
}
