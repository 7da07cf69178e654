package org.parley.server.chat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.mina.core.session.IoSession;
import org.parley.protocol.JsonCodec;
import org.parley.protocol.ServerMessage;
import org.parley.protocol.mina.EncodedFrame;
import org.parley.server.outbound.Outbound;
import org.parley.server.store.UserStore;

/**
 * Who is online and on which connections. A user may have several sessions; presence is announced only
 * when the first opens and the last closes. Announcements are queued while holding the lock (queuing is
 * cheap: see {@link Outbound}), which keeps online/offline events for a user in order everywhere.
 *
 * <p>Fan-out reads each user's connections without taking that lock: they are kept as the connections'
 * {@link Outbound} queues, in arrays that are replaced, never changed, when a session comes or goes. A message
 * to a room of thousands was spending two thirds of the database writer's time in a lock, a copy and a
 * session-attribute lookup per member before this.
 */
public final class Presence {
    private static final Outbound[] NONE = {};

    private final JsonCodec json = new JsonCodec();
    /** Per user key, the queues of that user's logged-in connections; written only under this object's lock. */
    private final Map<String, Outbound[]> queues = new ConcurrentHashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private boolean shuttingDown;

    /**
     * Registers a logged-in session. {@code first} (the login reply) runs inside the same critical section,
     * before the session becomes visible: so the client hears its reply before any push, and once it has
     * heard the reply, every later {@code users} request already lists it.
     */
    public synchronized void online(String name, IoSession session, Runnable first) {
        first.run();
        Outbound queue = Outbound.of(session);
        if (queue == null) {
            return;
        }
        String key = UserStore.keyOf(name);
        Outbound[] own = queues.getOrDefault(key, NONE);
        if (Arrays.asList(own).contains(queue)) {
            return;
        }
        Outbound[] more = Arrays.copyOf(own, own.length + 1);
        more[own.length] = queue;
        queues.put(key, more);
        if (own.length == 0) {
            names.put(key, name);
            announce(new ServerMessage.Presence(name, true), queue);
        }
    }

    /** From now on nobody is announced offline: the server is closing every connection. */
    public synchronized void shutdown() {
        shuttingDown = true;
    }

    public synchronized void offline(String name, IoSession session) {
        String key = UserStore.keyOf(name);
        Outbound queue = Outbound.of(session);
        Outbound[] own = queues.getOrDefault(key, NONE);
        Outbound[] rest = Arrays.stream(own).filter(q -> q != queue).toArray(Outbound[]::new);
        if (rest.length == own.length) {
            return;
        }
        if (rest.length > 0) {
            queues.put(key, rest);
            return;
        }
        queues.remove(key);
        names.remove(key);
        if (!shuttingDown) {
            announce(new ServerMessage.Presence(name, false), queue);
        }
    }

    private void announce(ServerMessage.Presence event, Outbound except) {
        // Encoded once: it goes to every connection on the server.
        EncodedFrame frame = new EncodedFrame(json.encodeFrame(event));
        for (Outbound[] own : queues.values()) {
            for (Outbound queue : own) {
                if (queue != except) {
                    queue.writeSoon(frame);
                }
            }
        }
    }

    public synchronized List<String> onlineNames() {
        List<String> list = new ArrayList<>(names.values());
        list.sort(String.CASE_INSENSITIVE_ORDER);
        return list;
    }

    /** Adds the queues of a user's logged-in connections to {@code into}; safe from any thread, takes no lock. */
    public void queuesOf(String userKey, List<Outbound> into) {
        Outbound[] own = queues.get(userKey);
        if (own != null) {
            into.addAll(Arrays.asList(own));
        }
    }

    /** Adds the queues of every logged-in connection to {@code into}; takes no lock. */
    public void allQueues(List<Outbound> into) {
        queues.values().forEach(own -> into.addAll(Arrays.asList(own)));
    }
}
