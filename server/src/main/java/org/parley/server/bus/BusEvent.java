package org.parley.server.bus;

import java.util.List;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

/**
 * One event on the bus, as small JSON: which node, what kind, and ids or names only. Message text never travels on
 * the bus: a node that hears of a message reads it from the store, which is the truth.
 *
 * @param node the publishing node's {@code --node-id}; a node ignores its own events
 * @param kind one of the constants below
 * @param conv for {@link #MESSAGE} and {@link #READ}: the conversation key ({@code #room} or {@code @a|b})
 * @param id   for {@link #MESSAGE}: the committed message's id; for {@link #READ}: the marker's new position
 * @param name for {@link #USER}: the registered spelling of the new user's name
 * @param room for {@link #JOIN}/{@link #LEAVE}
 * @param user for {@link #JOIN}/{@link #LEAVE}/{@link #READ}: the user key
 * @param on   for {@link #PRESENCE}: users (registered spelling) whose first session on the node opened
 * @param off  for {@link #PRESENCE}: users whose last session on the node ended
 */
public record BusEvent(String node, String kind, String conv, long id, String name, String room, String user,
        List<String> on, List<String> off) {
    public static final String MESSAGE = "msg";
    public static final String USER = "user";
    public static final String JOIN = "join";
    public static final String LEAVE = "leave";
    /** A user's read marker moved: that user's sessions on other nodes get a {@code read} push. */
    public static final String READ = "read";
    /** "I may have failed to publish some events": every node compares itself with the store. */
    public static final String RESYNC = "resync";
    /** Presence changes on the node, batched ({@link #on}, {@link #off}). */
    public static final String PRESENCE = "presence";
    /** "My online users in Redis were rewritten": read them again (after Redis lost them). */
    public static final String PRESENCE_SYNC = "presence-sync";
    /** The node is stopping: its users are offline there. */
    public static final String NODE_GONE = "node-gone";

    private static final Gson GSON = new Gson();

    static BusEvent message(String node, String conv, long id) {
        return new BusEvent(node, MESSAGE, conv, id, null, null, null, null, null);
    }

    static BusEvent user(String node, String name) {
        return new BusEvent(node, USER, null, 0, name, null, null, null, null);
    }

    static BusEvent join(String node, String room, String user) {
        return new BusEvent(node, JOIN, null, 0, null, room, user, null, null);
    }

    static BusEvent leave(String node, String room, String user) {
        return new BusEvent(node, LEAVE, null, 0, null, room, user, null, null);
    }

    static BusEvent read(String node, String user, String conv, long upTo) {
        return new BusEvent(node, READ, conv, upTo, null, null, user, null, null);
    }

    static BusEvent resync(String node) {
        return new BusEvent(node, RESYNC, null, 0, null, null, null, null, null);
    }

    static BusEvent presence(String node, List<String> on, List<String> off) {
        return new BusEvent(node, PRESENCE, null, 0, null, null, null, on, off);
    }

    static BusEvent presenceSync(String node) {
        return new BusEvent(node, PRESENCE_SYNC, null, 0, null, null, null, null, null);
    }

    static BusEvent nodeGone(String node) {
        return new BusEvent(node, NODE_GONE, null, 0, null, null, null, null, null);
    }

    String encode() {
        return GSON.toJson(this);
    }

    /** The event, or null when the text is not one (another program on the channel, a newer node's kind). */
    static BusEvent decode(String text) {
        try {
            BusEvent event = GSON.fromJson(text, BusEvent.class);
            return event == null || event.node() == null || event.kind() == null ? null : event;
        } catch (JsonParseException e) {
            return null;
        }
    }
}
