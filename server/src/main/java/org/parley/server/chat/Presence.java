package org.parley.server.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 */
public final class Presence {
    private final JsonCodec json = new JsonCodec();
    private final Map<String, Set<IoSession>> sessions = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private boolean shuttingDown;

    /**
     * Registers a logged-in session. {@code first} (the login reply) runs inside the same critical section,
     * before the session becomes visible: so the client hears its reply before any push, and once it has
     * heard the reply, every later {@code users} request already lists it.
     */
    public synchronized void online(String name, IoSession session, Runnable first) {
        first.run();
        String key = UserStore.keyOf(name);
        Set<IoSession> own = sessions.computeIfAbsent(key, k -> new LinkedHashSet<>());
        own.add(session);
        if (own.size() == 1) {
            names.put(key, name);
            announce(new ServerMessage.Presence(name, true), session);
        }
    }

    /** From now on nobody is announced offline: the server is closing every connection. */
    public synchronized void shutdown() {
        shuttingDown = true;
    }

    public synchronized void offline(String name, IoSession session) {
        String key = UserStore.keyOf(name);
        Set<IoSession> own = sessions.get(key);
        if (own == null || !own.remove(session)) {
            return;
        }
        if (own.isEmpty()) {
            sessions.remove(key);
            names.remove(key);
            if (shuttingDown) {
                return;
            }
            announce(new ServerMessage.Presence(name, false), session);
        }
    }

    private void announce(ServerMessage.Presence event, IoSession except) {
        // Encoded once: it goes to every connection on the server.
        EncodedFrame frame = new EncodedFrame(json.encodeFrame(event));
        for (Set<IoSession> own : sessions.values()) {
            for (IoSession s : own) {
                if (s != except) {
                    Outbound.writeSoon(s, frame);
                }
            }
        }
    }

    public synchronized List<String> onlineNames() {
        List<String> list = new ArrayList<>(names.values());
        list.sort(String.CASE_INSENSITIVE_ORDER);
        return list;
    }

    public synchronized List<IoSession> sessionsOf(String userKey) {
        Set<IoSession> own = sessions.get(userKey);
        return own == null ? List.of() : new ArrayList<>(own);
    }

    public synchronized List<IoSession> allSessions() {
        List<IoSession> all = new ArrayList<>();
        sessions.values().forEach(all::addAll);
        return all;
    }
}
