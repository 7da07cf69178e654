package org.parley.client.core.internal.session;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.parley.protocol.ChatMessage;

/**
 * Which messages the user has been shown, for dedupe (by id) and for catch-up (the newest id per conversation).
 * Message ids are unique on the server and increase within each conversation (protocol 2; protocol 1 also across
 * conversations), so catch-up starts after the newest id seen of the same conversation, or at 0 for one whose
 * baseline found it empty. Only a conversation with neither (its baseline request failed) falls back to the newest id
 * seen anywhere: exact with a protocol 1 server, and with protocol 2 it may miss that conversation's messages that
 * another node committed with smaller ids meanwhile. Keyed by {@link org.parley.client.core.Conversations#key}.
 * Confined to the session thread.
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

    /**
     * Records where catch-up of a conversation starts (its newest message when it was opened) without marking that
     * message as shown: its push may still be on the way (on a cluster the bus can bring it after the baseline's
     * reply), and it must then be announced, not dropped as a duplicate.
     */
    void markBaseline(String conversation, long newestId) {
        newestByConversation.merge(conversation, newestId, Math::max);
        newest = Math.max(newest, newestId);
    }

    /** Records that the conversation had no messages at its baseline: everything in it later is new. */
    void markEmpty(String conversation) {
        newestByConversation.putIfAbsent(conversation, 0L);
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
