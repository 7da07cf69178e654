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

    /** Creates the room if missing and adds the member. */
    public static void join(Connection c, String room, String userKey, long now) throws SQLException {
        try (PreparedStatement create = c.prepareStatement(
                "INSERT INTO rooms(name, created_by, created_at) VALUES(?,?,?) ON CONFLICT(name) DO NOTHING");
             PreparedStatement member = c.prepareStatement(
                     "INSERT INTO room_members(room, user_key) VALUES(?,?) ON CONFLICT DO NOTHING")) {
            create.setString(1, room);
            create.setString(2, userKey);
            create.setLong(3, now);
            create.executeUpdate();
            member.setString(1, room);
            member.setString(2, userKey);
            member.executeUpdate();
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
