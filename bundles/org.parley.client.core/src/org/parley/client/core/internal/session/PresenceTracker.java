package org.parley.client.core.internal.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Predicate;

import org.parley.client.core.internal.net.ServerLink;
import org.parley.protocol.Limits;
import org.parley.protocol.NameRules;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;

/**
 * Who is online among the users this client shows. Since protocol 3 a session hears only the presence of the users
 * it {@code watch}es (docs/protocol.md section 9), so the tracker keeps each owner's (each view's) share of that list
 * and sends their union, at most {@link Limits#MAX_WATCH} names in the order owners declared them, whenever it changes
 * and after every login and resume (a new session watches nobody). Each watch reply is the new picture: the tracker
 * announces the difference, so listeners see no gap across a reconnect, and the state of each user a reply covers for
 * the first time, even offline: a listener may have shown him online from a {@code users} page. A server older than
 * protocol 3 announces everyone and knows no {@code watch}: then the tracker asks {@code users} instead, as before.
 *
 * <p>Confined to the session thread, except {@link #isOnline}, which any thread may ask.
 */
final class PresenceTracker {
    private final EventHub events;
    private final Predicate<ServerLink> current;
    /** Online users as last heard; concurrent so the UI thread can ask {@link #isOnline}. */
    private final NavigableSet<String> online = new ConcurrentSkipListSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, List<String>> interests = new LinkedHashMap<>();
    /** The users the last handled watch reply covered: listeners have heard each one's state from this tracker. */
    private final Set<String> heard = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    /** The union last sent in a {@code watch}; null when none was sent on the current link. */
    private List<String> sent;

    /**
     * @param current whether a link is still the session's: a {@code watch} or {@code users} reply that comes after its
     *                session ended (logout, another login) is that session's picture, not the next one's
     */
    PresenceTracker(EventHub events, Predicate<ServerLink> current) {
        this.events = events;
        this.current = current;
    }

    void pushed(String user, boolean isOnline) {
        if (isOnline) {
            online.add(user);
        } else {
            online.remove(user);
        }
        events.presence(user, isOnline);
    }

    boolean isOnline(String user) {
        return online.contains(user);
    }

    /** Replaces {@code owner}'s share of the watched users; returns whether the union changed (watch again). */
    boolean interest(String owner, Collection<String> users) {
        // As the owner spells them (the registered spelling, from a users page), so reports about them read the same.
        List<String> names = distinct(users.stream().filter(NameRules::isUsername).toList());
        if (names.isEmpty()) {
            interests.remove(owner);
        } else {
            interests.put(owner, names);
        }
        return !watched().equals(sent);
    }

    /** The union of every owner's users, first declared first, cut at the protocol's maximum. */
    private List<String> watched() {
        List<String> all = new ArrayList<>();
        interests.values().forEach(all::addAll);
        List<String> list = distinct(all);
        return list.size() > Limits.MAX_WATCH ? List.copyOf(list.subList(0, Limits.MAX_WATCH)) : list;
    }

    /** After login or resume, or when the watched users changed: asks for the picture and reports who came or went. */
    void refresh(ServerLink link) {
        if (link.protocol() < Limits.WATCH_PROTOCOL_VERSION) {
            link.request(Request.Users::new).whenComplete((reply, failure) -> {
                if (failure == null && current.test(link)) {
                    replace(((ServerMessage.Users) reply).online());
                }
            });
            return;
        }
        List<String> users = watched();
        sent = users;
        link.request(id -> new Request.Watch(id, users)).whenComplete((reply, failure) -> {
            if (!current.test(link)) {
                return; // the session ended: what it sent and heard is not the next session's
            }
            if (failure != null) {
                sent = null; // link trouble: the next resume watches again
                return;
            }
            watched(users, ((ServerMessage.Watch) reply).online());
        });
    }

    /** A watch reply: {@code onlineNow} are those of {@code users} online now; the others are offline. */
    private void watched(List<String> users, List<String> onlineNow) {
        Set<String> now = caseInsensitive(onlineNow);
        // First word on a user: a users page may have shown him online, and he may have left before he was watched.
        List<String> firstHeardOffline = users.stream()
                .filter(u -> !now.contains(u) && !heard.contains(u) && !online.contains(u)).toList();
        heard.clear();
        heard.addAll(users);
        replace(onlineNow, firstHeardOffline);
    }

    private void replace(List<String> now) {
        replace(now, List.of());
    }

    /** Adopts {@code now} as who is online, announcing who went (and {@code alsoOffline}) before who came. */
    private void replace(List<String> now, List<String> alsoOffline) {
        Set<String> current = caseInsensitive(now);
        List<String> gone = online.stream().filter(u -> !current.contains(u)).toList();
        gone.forEach(online::remove);
        gone.forEach(u -> events.presence(u, false));
        alsoOffline.forEach(u -> events.presence(u, false));
        for (String user : now) {
            if (online.add(user)) {
                events.presence(user, true);
            }
        }
    }

    /** The session ended: nobody is known online and nothing is watched on any link. Owners' interests stay. */
    void clear() {
        online.clear();
        heard.clear();
        sent = null;
    }

    /** The first of each name, names compared without regard to case as the protocol does. */
    private static List<String> distinct(List<String> names) {
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        return names.stream().filter(seen::add).toList();
    }

    private static Set<String> caseInsensitive(List<String> users) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(users);
        return set;
    }
}
