package org.parley.client.core.internal.session;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.parley.client.core.internal.net.ServerLink;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;

/**
 * Who is online, as far as this client knows. Presence pushes are lost while the link is down, so after a resume
 * the tracker asks for {@code users} and announces the difference, and listeners see no presence gap either.
 * Confined to the session thread.
 */
final class PresenceTracker {
    private final EventHub events;
    private final Set<String> online = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    PresenceTracker(EventHub events) {
        this.events = events;
    }

    void pushed(String user, boolean isOnline) {
        if (isOnline) {
            online.add(user);
        } else {
            online.remove(user);
        }
        events.presence(user, isOnline);
    }

    /** Fetches the online users; with {@code announce}, reports who came or went since the last picture. */
    void refresh(ServerLink link, boolean announce) {
        link.request(Request.Users::new).whenComplete((reply, failure) -> {
            if (failure != null) {
                return; // link trouble: the next resume refreshes again
            }
            List<String> now = ((ServerMessage.Users) reply).online();
            if (announce) {
                Set<String> current = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                current.addAll(now);
                online.stream().filter(u -> !current.contains(u)).toList().forEach(u -> events.presence(u, false));
                now.stream().filter(u -> !online.contains(u)).forEach(u -> events.presence(u, true));
            }
            online.clear();
            online.addAll(now);
        });
    }

    void clear() {
        online.clear();
    }
}
