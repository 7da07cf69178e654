package org.parley.server.chat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.parley.protocol.Limits;
import org.parley.protocol.RoomInfo;
import org.parley.server.store.Store;
import org.parley.server.store.UserStore;

/**
 * In-memory copy of who exists and who is in which room, loaded once at startup and updated only after
 * the corresponding write has committed, so routing and permission checks never wait on the database.
 */
public final class Directory {
    /** One page of the room list, sorted by name; {@code more} when rooms after the last one were left out. */
    public record RoomPage(List<RoomInfo> rooms, boolean more) {
    }

    private final Map<String, String> users = new ConcurrentHashMap<>();
    /** Sorted, so a page of the room list is a walk from a point rather than a sort of every room. */
    private final NavigableMap<String, Set<String>> rooms = new ConcurrentSkipListMap<>();
    /** Rooms each user created, plus creations under way (see {@link #reserveRoom}). */
    private final Map<String, Integer> created = new ConcurrentHashMap<>();
    /**
     * Counts changes to users and memberships, so a refresh from a snapshot can tell whether the directory moved
     * while the snapshot was read (a join committed meanwhile must not be undone). Guarded by {@code this}: the
     * writer thread's changes and the bus's refresh do not interleave; reads stay lock-free.
     */
    private long version;

    /**
     * Loads the directory from the store. With several nodes on one store this copy goes stale when another node
     * registers a user or changes a room: keeping it fresh is the bus's job (bus.RedisBus, docs/cluster.md).
     */
    public static Directory load(Store store) throws SQLException {
        Store.Snapshot snapshot;
        try {
            snapshot = store.snapshot().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof SQLException s ? s : new SQLException(e.getCause());
        }
        Directory directory = new Directory();
        snapshot.users().forEach(directory::addUser);
        snapshot.rooms().forEach((room, members) -> directory.rooms.put(room, concurrentCopy(members)));
        directory.created.putAll(snapshot.createdPerUser());
        return directory;
    }

    private static Set<String> concurrentCopy(Set<String> members) {
        Set<String> copy = ConcurrentHashMap.newKeySet();
        copy.addAll(members);
        return copy;
    }

    public synchronized void addUser(String name) {
        users.put(UserStore.keyOf(name), name);
        version++;
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

    public synchronized void join(String room, String userKey) {
        rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(userKey);
        version++;
    }

    public synchronized void leave(String room, String userKey) {
        Set<String> members = rooms.get(room);
        if (members != null) {
            members.remove(userKey);
        }
        version++;
    }

    /** How many changes the directory has seen; pass to {@link #refresh}. */
    public synchronized long version() {
        return version;
    }

    /**
     * Makes users, rooms and members those of {@code snapshot}, read from the store after {@link #version()} answered
     * {@code seen}; false, changing nothing, if the directory changed since (the snapshot may miss that change).
     * For a node on the bus that may have missed other nodes' events. Users and rooms are only ever added: the
     * store does not delete them while nodes run.
     */
    public synchronized boolean refresh(Store.Snapshot snapshot, long seen) {
        if (version != seen) {
            return false;
        }
        snapshot.users().forEach(name -> users.put(UserStore.keyOf(name), name));
        snapshot.rooms().forEach((room, members) -> {
            Set<String> here = rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet());
            here.addAll(members);
            here.retainAll(members);
        });
        version++;
        return true;
    }

    /** Member keys of a room other than {@code #general} (whose members are simply everyone). */
    public Set<String> members(String room) {
        return rooms.getOrDefault(room, Set.of());
    }

    /** Every room the user is in, {@code #general} included (a walk over all rooms: used once per unread request). */
    public List<String> roomsOf(String userKey) {
        List<String> mine = new ArrayList<>();
        rooms.forEach((room, members) -> {
            if (room.equals(Limits.GENERAL_ROOM) || members.contains(userKey)) {
                mine.add(room);
            }
        });
        return mine;
    }

    /** Up to {@code limit} rooms whose names sort after {@code after} (null: from the start). */
    public RoomPage rooms(String userKey, String after, int limit) {
        List<RoomInfo> list = new ArrayList<>(Math.min(limit, rooms.size()));
        NavigableMap<String, Set<String>> from = after == null ? rooms : rooms.tailMap(after, false);
        for (Map.Entry<String, Set<String>> entry : from.entrySet()) {
            if (list.size() == limit) {
                return new RoomPage(list, true);
            }
            String room = entry.getKey();
            Set<String> members = entry.getValue();
            boolean general = room.equals(Limits.GENERAL_ROOM);
            list.add(new RoomInfo(room, general ? users.size() : members.size(), general || members.contains(userKey)));
        }
        return new RoomPage(list, false);
    }

    /**
     * Counts one more room created by the user, unless that would pass {@code quota}: false then. Done before the
     * write, atomically, so that parallel joins from several sessions cannot all slip under the quota; a creation
     * that does not happen gives its place back with {@link #releaseRoom}.
     */
    public boolean reserveRoom(String userKey, int quota) {
        boolean[] reserved = {false};
        created.compute(userKey, (k, count) -> {
            int now = count == null ? 0 : count;
            reserved[0] = now < quota;
            return reserved[0] ? now + 1 : now;
        });
        return reserved[0];
    }

    public void releaseRoom(String userKey) {
        created.computeIfPresent(userKey, (k, count) -> count > 1 ? count - 1 : null);
    }
}
