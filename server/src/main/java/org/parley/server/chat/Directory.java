package org.parley.server.chat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.parley.protocol.Limits;
import org.parley.protocol.RoomInfo;
import org.parley.server.store.Database;
import org.parley.server.store.RoomStore;
import org.parley.server.store.UserStore;

/**
 * In-memory copy of who exists and who is in which room, loaded once at startup and updated only after
 * the corresponding write has committed, so routing and permission checks never wait on the database.
 */
public final class Directory {
    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> rooms = new ConcurrentHashMap<>();

    public static Directory load(Database db) throws SQLException {
        Directory directory = new Directory();
        try {
            db.read(c -> {
                UserStore.names(c).forEach(directory::addUser);
                RoomStore.loadAll(c).forEach((room, members) -> directory.rooms.put(room, concurrentCopy(members)));
                return null;
            }).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof SQLException s ? s : new SQLException(e.getCause());
        }
        return directory;
    }

    private static Set<String> concurrentCopy(Set<String> members) {
        Set<String> copy = ConcurrentHashMap.newKeySet();
        copy.addAll(members);
        return copy;
    }

    public void addUser(String name) {
        users.put(UserStore.keyOf(name), name);
    }

    /** The registered spelling of a username, looked up case-insensitively. */
    public Optional<String> user(String name) {
        return Optional.ofNullable(users.get(UserStore.keyOf(name)));
    }

    public boolean roomExists(String room) {
        return rooms.containsKey(room);
    }

    public boolean isMember(String room, String userKey) {
        Set<String> members = rooms.get(room);
        return members != null && (room.equals(Limits.GENERAL_ROOM) || members.contains(userKey));
    }

    public void join(String room, String userKey) {
        rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(userKey);
    }

    public void leave(String room, String userKey) {
        Set<String> members = rooms.get(room);
        if (members != null) {
            members.remove(userKey);
        }
    }

    /** Member keys of a room other than {@code #general} (whose members are simply everyone). */
    public Set<String> members(String room) {
        return rooms.getOrDefault(room, Set.of());
    }

    public List<RoomInfo> rooms(String userKey) {
        List<RoomInfo> list = new ArrayList<>();
        rooms.forEach((room, members) -> {
            boolean general = room.equals(Limits.GENERAL_ROOM);
            list.add(new RoomInfo(room, general ? users.size() : members.size(), general || members.contains(userKey)));
        });
        list.sort(Comparator.comparing(RoomInfo::name));
        return list;
    }
}
