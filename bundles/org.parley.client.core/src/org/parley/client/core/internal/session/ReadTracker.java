package org.parley.client.core.internal.session;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import org.parley.client.core.Conversations;
import org.parley.client.core.UnreadCount;
import org.parley.client.core.internal.net.ServerLink;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Limits;
import org.parley.protocol.Mentions;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.protocol.UnreadInfo;

/**
 * Unread and mention counts per conversation: the server's picture ({@code unread}) fetched after every login and
 * resume, then kept current from message and read pushes. Confined to the session thread; {@link #snapshot} is a
 * copy published for other threads.
 */
final class ReadTracker {
    private record Entry(UnreadCount count, long last) {
    }

    private final EventHub events;
    private final Predicate<ServerLink> current;
    private final Map<String, Entry> entries = new HashMap<>();
    private volatile Map<String, UnreadCount> snapshot = Map.of();

    /**
     * @param current whether a link is still the session's: an {@code unread} reply that comes after its session ended
     *                (logout, another login) holds that session's counts, not the next one's
     */
    ReadTracker(EventHub events, Predicate<ServerLink> current) {
        this.events = events;
        this.current = current;
    }

    Map<String, UnreadCount> snapshot() {
        return snapshot;
    }

    /** Replaces the picture with the server's and announces every conversation in it (and those gone from it). */
    void refresh(ServerLink link) {
        link.request(Request.Unread::new).whenComplete((reply, failure) -> {
            if (failure != null || !current.test(link)) {
                return; // link trouble (the next resume refreshes again), or the session ended
            }
            Map<String, Entry> previous = new HashMap<>(entries);
            entries.clear();
            for (UnreadInfo info : ((ServerMessage.Unread) reply).conversations()) {
                String key = Conversations.key(info.with());
                entries.put(key, new Entry(new UnreadCount(info.upTo(), info.unread(), info.mentions()), info.last()));
                previous.remove(key);
            }
            publish();
            entries.forEach((key, e) -> events.unread(key, e.count()));
            previous.keySet().forEach(key -> events.unread(key, UnreadCount.NONE));
        });
    }

    /** A message shown to the user for the first time: counts unless it is theirs or was counted already. */
    void message(String conversation, ChatMessage message, String me) {
        Entry e = entries.getOrDefault(conversation, new Entry(UnreadCount.NONE, 0));
        if (message.id() <= Math.max(e.last(), e.count().readUpTo())) {
            return;
        }
        UnreadCount c = e.count();
        UnreadCount next = message.from().equalsIgnoreCase(me)
                ? new UnreadCount(message.id(), 0, 0) // the server marks what one answers as read
                : new UnreadCount(c.readUpTo(), Math.min(c.unread() + 1, Limits.MAX_UNREAD_COUNT),
                        Math.min(c.mentions() + (Mentions.mentions(message.text(), me) ? 1 : 0), Limits.MAX_UNREAD_COUNT));
        update(conversation, new Entry(next, message.id()));
    }

    /**
     * The marker moved to {@code upTo} (this session's {@code read} was answered, or another session's was pushed).
     * Read up to the newest known message clears the badges; an earlier point needs the server's count.
     */
    void read(ServerLink link, String conversation, long upTo) {
        Entry e = entries.get(conversation);
        if (e != null && upTo <= e.count().readUpTo()) {
            return;
        }
        if (e == null || upTo >= e.last()) {
            update(conversation, new Entry(new UnreadCount(upTo, 0, 0), e == null ? upTo : e.last()));
        } else if (link != null) {
            refresh(link);
        }
    }

    void clear() {
        entries.clear();
        publish();
    }

    private void update(String conversation, Entry entry) {
        entries.put(conversation, entry);
        publish();
        events.unread(conversation, entry.count());
    }

    private void publish() {
        Map<String, UnreadCount> copy = new HashMap<>();
        entries.forEach((key, e) -> copy.put(key, e.count()));
        snapshot = Map.copyOf(copy);
    }
}
