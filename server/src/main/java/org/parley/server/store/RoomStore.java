package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** SQL for rooms and memberships. {@code #general} has no membership rows: every user is in it. */
public final class RoomStore {

    private RoomStore() {
    }

    /** Every room with its members' user keys (empty for {@code #general}). */
    public static Map<String, Set<String>> loadAll(Connection c) throws SQLException {
        Map<String, Set<String>> rooms = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT name FROM rooms"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rooms.put(rs.getString(1), new HashSet<>());
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT room, user_key FROM room_members");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rooms.computeIfAbsent(rs.getString(1), r -> new HashSet<>()).add(rs.getString(2));
            }
        }
        return rooms;
    }

    /** How many rooms each user created ({@code #general}, created by nobody, is not counted). */
    public static Map<String, Integer> createdPerUser(Connection c) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT created_by, count(*) FROM rooms WHERE created_by IS NOT NULL GROUP BY created_by");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }

    /** What {@link #join} did. */
    public enum Joined {
        /** The room existed (or another writer's creation committed first); the user is a member. */
        JOINED,
        /** The room was made, by this user, who is its first member. */
        CREATED,
        /** The room is missing and the user has created {@code quota} rooms already: nothing was written. */
        OVER_QUOTA
    }

    /**
     * Adds the member, creating the room if missing unless the user has created {@code quota} rooms already. Counted
     * in the store, so every node of a cluster counts the same rooms. The user's row is locked before counting
     * (a no-op update: a row lock on PostgreSQL, nothing more on SQLite's single writer), so creations for one user
     * on two nodes at once are counted one after the other rather than both slipping under the quota.
     */
    public static Joined join(Connection c, String room, String userKey, long now, int quota) throws SQLException {
        Joined outcome = Joined.JOINED;
        if (!exists(c, room)) {
            try (PreparedStatement lock = c.prepareStatement("UPDATE users SET name_key = name_key WHERE name_key = ?")) {
                lock.setString(1, userKey);
                lock.executeUpdate();
            }
            if (created(c, userKey) >= quota) {
                return Joined.OVER_QUOTA;
            }
            try (PreparedStatement create = c.prepareStatement(
                    "INSERT INTO rooms(name, created_by, created_at) VALUES(?,?,?) ON CONFLICT(name) DO NOTHING")) {
                create.setString(1, room);
                create.setString(2, userKey);
                create.setLong(3, now);
                outcome = create.executeUpdate() == 1 ? Joined.CREATED : Joined.JOINED;
            }
        }
        try (PreparedStatement member = c.prepareStatement(
                "INSERT INTO room_members(room, user_key) VALUES(?,?) ON CONFLICT DO NOTHING")) {
            member.setString(1, room);
            member.setString(2, userKey);
            member.executeUpdate();
        }
        return outcome;
    }

    private static boolean exists(Connection c, String room) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM rooms WHERE name = ?")) {
            s.setString(1, room);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static int created(Connection c, String userKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM rooms WHERE created_by = ?")) {
            s.setString(1, userKey);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public static void leave(Connection c, String room, String userKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM room_members WHERE room = ? AND user_key = ?")) {
            s.setString(1, room);
            s.setString(2, userKey);
            s.executeUpdate();
        }
    }
}
