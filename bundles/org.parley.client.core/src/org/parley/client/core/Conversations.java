package org.parley.client.core;

import org.parley.protocol.ChatMessage;
import org.parley.protocol.NameRules;

/**
 * Conversation keys: {@code #room} or {@code @user}, in lower case. Room and user names are case-insensitive on the
 * server (it reports rooms in lower case and users in their registered spelling), so the client compares and
 * reports conversations by this key; {@link ParleyListener#messageReceived} always passes a key.
 */
public final class Conversations {

    private Conversations() {
    }

    /**
     * The key of an address the user typed.
     *
     * @throws IllegalArgumentException if it is neither {@code #room} nor {@code @user}
     */
    public static String key(String address) {
        if (address == null || address.length() < 2 || !(isRoom(address) || address.startsWith("@"))) {
            throw new IllegalArgumentException("a conversation is #room or @user: " + address);
        }
        return NameRules.key(address);
    }

    public static boolean isRoom(String address) {
        return address.startsWith("#");
    }

    /** The conversation a message belongs to, seen by user {@code me}: its room, or {@code @} the other party. */
    public static String of(ChatMessage message, String me) {
        String to = message.to();
        if (isRoom(to) || message.from().equalsIgnoreCase(me)) {
            return key(to);
        }
        return key("@" + message.from());
    }
}
