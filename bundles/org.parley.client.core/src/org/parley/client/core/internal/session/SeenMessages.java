package org.parley.client.core.internal.session;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.parley.protocol.ChatMessage;

/**
 * Which messages the user has been shown, for dedupe (by id) and for catch-up (the newest id per conversation).
 * Message ids are server-wide and increasing, so the newest id of any conversation is a safe starting point for one
 * that has not shown a message yet. Keyed by {@link org.parley.client.core.Conversations#key}. Confined to the
 * session thread.
 */
final class SeenMessages {
    /** Far more than a reconnect can overlap; older ids are below every catch-up start anyway. */
    private static final int MAX_IDS = 20_000;

    private final Set<Long> ids = new LinkedHashSet<>();
    private final Map<String, Long> newestByConversation = new HashMap<>();
    private long newest;

    /** Records the message; true if it was not seen before. */
    boolean offer(String conversation, ChatMessage message) {
        newestByConversation.merge(conversation, message.id(), Math::max);
        newest = Math.max(newest, message.id());
        if (!ids.add(message.id())) {
            return false;
        }
        if (ids.size() > MAX_IDS) {
            var oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /** The id after which a conversation may have messages the user has not seen. */
    long catchUpFrom(String conversation) {
        return newestByConversation.getOrDefault(conversation, newest);
    }

    /** True once a message of the conversation was seen, i.e. catch-up has its own starting point. */
    boolean knows(String conversation) {
        return newestByConversation.containsKey(conversation);
    }

    void clear() {
        ids.clear();
        newestByConversation.clear();
        newest = 0;
    }
}
