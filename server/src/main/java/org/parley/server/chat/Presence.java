package org.parley.server.chat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.mina.core.session.IoSession;
import org.parley.protocol.JsonCodec;
import org.parley.protocol.ServerMessage;
import org.parley.protocol.mina.EncodedFrame;
import org.parley.server.outbound.Outbound;
import org.parley.server.store.UserStore;

/**
 * Who is online and on which connections. A user may have several sessions; presence is announced only
 * when the first opens and the last closes, and only to the sessions that watch that user ({@link #watch}, at most
 * {@link org.parley.protocol.Limits#MAX_WATCH} users each): so N logins cost at most that many pushes each, O(N)
 * in all, where announcing every login to every session cost O(N²) (docs/protocol.md section 9). Announcements are
 * queued while holding the lock (queuing is cheap: see {@link Outbound}), which keeps online/offline events for a
 * user in order everywhere.
 *
 * <p>On a cluster a user is online while any node has a session of theirs: the other nodes' online users arrive
 * through {@link #remote} and {@link #remoteChanged} (from {@code bus.ClusterPresence}), this node's own first and last
 * sessions go out through the {@link Cluster} listener, and an announcement is made only when the cluster-wide state
 * flips, so a user whose client moved from one node to another is not announced offline and online again.
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
    /** Per user key, the registered spelling of each online user; sorted by key, which is how {@code users} pages. */
    private final NavigableMap<String, String> names = new TreeMap<>();
    /** Per user key, the connections watching that user. */
    private final Map<String, Set<Outbound>> watchers = new HashMap<>();
    /** Per connection, the user keys it watches: what its next {@code watch} replaces. */
    private final Map<Outbound, Set<String>> watching = new HashMap<>();
    /** Connections that hear everyone's presence: IRC clients, to whom JOIN and QUIT are presence (docs/irc.md). */
    private final Set<Outbound> everyone = new HashSet<>();
    /** Per other node, the users online there (key to registered spelling), as last heard. */
    private final Map<String, Map<String, String>> remote = new HashMap<>();
    private Cluster cluster = Cluster.NONE;
    private boolean shuttingDown;

    /** Where this node's own first and last sessions are reported on a cluster. Called inside the lock: queue only. */
    public interface Cluster {
        Cluster NONE = (name, online) -> { };

        void localChanged(String name, boolean online);
    }

    public synchronized void joinCluster(Cluster listener) {
        cluster = listener;
    }

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
            cluster.localChanged(name, true);
            if (names.put(key, name) == null) {
                announce(new ServerMessage.Presence(name, true), queue);
            }
        }
    }

    /** From now on nobody is announced offline: the server is closing every connection. */
    public synchronized void shutdown() {
        shuttingDown = true;
    }

    public synchronized void offline(String name, IoSession session) {
        String key = UserStore.keyOf(name);
        Outbound queue = Outbound.of(session);
        // A logged-out connection hears no presence: its next login starts without a watch list.
        unwatch(queue);
        everyone.remove(queue);
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
        cluster.localChanged(name, false);
        if (onlineElsewhere(key)) {
            return;
        }
        names.remove(key);
        if (!shuttingDown) {
            announce(new ServerMessage.Presence(name, false), queue);
        }
    }

    private boolean onlineElsewhere(String key) {
        for (Map<String, String> users : remote.values()) {
            if (users.containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    /** The users online on this node (key to spelling): what it republishes after Redis lost its state. */
    public synchronized Map<String, String> localUsers() {
        Map<String, String> local = new HashMap<>();
        for (String key : queues.keySet()) {
            local.put(key, names.get(key));
        }
        return local;
    }

    /** Replaces what is known of {@code node}'s online users (empty: the node is gone), announcing who flipped. */
    public synchronized void remote(String node, Map<String, String> users) {
        Map<String, String> before = remote.getOrDefault(node, Map.of());
        if (users.isEmpty()) {
            remote.remove(node);
        } else {
            remote.put(node, new HashMap<>(users));
        }
        before.forEach((key, name) -> {
            if (!users.containsKey(key)) {
                settle(key, name);
            }
        });
        users.forEach(this::settle);
    }

    /** {@code node} reported its first sessions of {@code on} and the end of its last sessions of {@code off}. */
    public synchronized void remoteChanged(String node, List<String> on, List<String> off) {
        Map<String, String> users = remote.computeIfAbsent(node, n -> new HashMap<>());
        for (String name : off) {
            String key = UserStore.keyOf(name);
            if (users.remove(key) != null) {
                settle(key, name);
            }
        }
        for (String name : on) {
            users.put(UserStore.keyOf(name), name);
            settle(UserStore.keyOf(name), name);
        }
        if (users.isEmpty()) {
            remote.remove(node);
        }
    }

    /** Announces {@code key} if whether it is online anywhere no longer matches what this node last said. */
    private void settle(String key, String name) {
        boolean online = queues.containsKey(key) || onlineElsewhere(key);
        boolean known = names.containsKey(key);
        if (online && !known) {
            names.put(key, name);
            announce(new ServerMessage.Presence(name, true), null);
        } else if (!online && known && !shuttingDown) {
            String spelled = names.remove(key);
            announce(new ServerMessage.Presence(spelled, false), null);
        } else if (!online && known) {
            names.remove(key);
        }
    }

    private void announce(ServerMessage.Presence event, Outbound except) {
        Set<Outbound> watching = watchers.getOrDefault(UserStore.keyOf(event.user()), Set.of());
        if (watching.isEmpty() && everyone.isEmpty()) {
            return;
        }
        // Encoded once: it may go to many connections.
        EncodedFrame frame = new EncodedFrame(json.encodeFrame(event));
        for (Outbound queue : watching) {
            if (queue != except) {
                queue.writeSoon(frame);
            }
        }
        for (Outbound queue : everyone) {
            if (queue != except && !watching.contains(queue)) {
                queue.writeSoon(frame);
            }
        }
    }

    /**
     * Makes {@code session} hear the presence of exactly {@code userKeys} (user keys, {@link UserStore#keyOf}; names
     * nobody registered simply stay offline), replacing what it watched before. {@code reply} gets the registered
     * spellings of those online now, sorted; it runs inside the critical section, so no push about them can reach the
     * connection before the reply that is its starting point.
     */
    public synchronized void watch(IoSession session, Set<String> userKeys, Consumer<List<String>> reply) {
        Outbound queue = Outbound.of(session);
        List<String> online = new ArrayList<>();
        if (queue != null) {
            unwatch(queue);
            if (!userKeys.isEmpty()) {
                watching.put(queue, new LinkedHashSet<>(userKeys));
                for (String key : userKeys) {
                    watchers.computeIfAbsent(key, k -> new HashSet<>()).add(queue);
                }
            }
        }
        userKeys.stream().sorted().map(names::get).filter(n -> n != null).forEach(online::add);
        reply.accept(online);
    }

    /** From now on this connection hears every user's presence (the IRC gateway: JOIN and QUIT in its channels). */
    public synchronized void watchEveryone(IoSession session) {
        Outbound queue = Outbound.of(session);
        if (queue != null) {
            everyone.add(queue);
        }
    }

    private void unwatch(Outbound queue) {
        Set<String> old = watching.remove(queue);
        if (old == null) {
            return;
        }
        for (String key : old) {
            Set<Outbound> set = watchers.get(key);
            if (set != null && set.remove(queue) && set.isEmpty()) {
                watchers.remove(key);
            }
        }
    }

    /** Everyone online, sorted case-insensitively (by key); for the IRC gateway's NAMES and WHO. */
    public synchronized List<String> onlineNames() {
        return new ArrayList<>(names.values());
    }

    /**
     * One page of the online users, in key order: those whose key starts with {@code prefixKey} ("" for all) and comes
     * after {@code afterKey} (null: from the start).
     */
    public synchronized Page page(String afterKey, int limit, String prefixKey) {
        NavigableMap<String, String> rest = names.tailMap(prefixKey, true);
        if (afterKey != null && afterKey.compareTo(prefixKey) >= 0) {
            rest = rest.tailMap(afterKey, false);
        }
        List<String> list = new ArrayList<>(Math.min(limit, rest.size()));
        for (Map.Entry<String, String> entry : rest.entrySet()) {
            if (!entry.getKey().startsWith(prefixKey)) {
                break; // keys are sorted: the prefix's names are one run
            }
            if (list.size() == limit) {
                return new Page(list, true);
            }
            list.add(entry.getValue());
        }
        return new Page(list, false);
    }

    /** A page of online users and whether more follow it. */
    public record Page(List<String> users, boolean more) {
    }

    /** Adds the queues of a user's logged-in connections to {@code into}; safe from any thread, takes no lock. */
    public void queuesOf(String userKey, List<Outbound> into) {
        Outbound[] own = queues.get(userKey);
        if (own != null) {
            // Not addAll(Arrays.asList(own)): that allocates a view and a copy of the array for every member of a fan-out.
            Collections.addAll(into, own);
        }
    }

    /** Adds the queues of every logged-in connection to {@code into}; takes no lock. */
    public void allQueues(List<Outbound> into) {
        for (Outbound[] own : queues.values()) {
            Collections.addAll(into, own);
        }
    }
}
