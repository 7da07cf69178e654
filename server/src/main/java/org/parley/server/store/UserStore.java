package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.parley.protocol.NameRules;

/** SQL for accounts. Usernames are unique case-insensitively: {@code name_key} is the lower-cased name. */
public final class UserStore {

    /** An account; {@code name} keeps the spelling chosen at registration. */
    public record User(String name, String passwordHash) {
        public String key() {
            return keyOf(name);
        }
    }

    private UserStore() {
    }

    /** The stored, case-folded form of a username ({@link NameRules#key}). */
    public static String keyOf(String name) {
        return NameRules.key(name);
    }

    /** Inserts a user; returns false when the name is taken. */
    public static boolean insert(Connection c, String name, String passwordHash, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO users(name, name_key, password_hash, created_at) VALUES(?,?,?,?) ON CONFLICT(name_key) DO NOTHING")) {
            s.setString(1, name);
            s.setString(2, keyOf(name));
            s.setString(3, passwordHash);
            s.setLong(4, now);
            return s.executeUpdate() == 1;
        }
    }

    public static Optional<User> find(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT name, password_hash FROM users WHERE name_key = ?")) {
            s.setString(1, keyOf(name));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new User(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    public static void updateHash(Connection c, String name, String passwordHash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE users SET password_hash = ? WHERE name_key = ?")) {
            s.setString(1, passwordHash);
            s.setString(2, keyOf(name));
            s.executeUpdate();
        }
    }

    /** All usernames, in registration spelling, sorted case-insensitively. */
    public static List<String> names(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT name FROM users ORDER BY name_key");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * Deletes an account with its memberships and tokens (cascade) and its private conversations, and
     * forgets its idempotency keys, so that someone registering the name later inherits nothing.
     */
    public static boolean delete(Connection c, String name) throws SQLException {
        String key = keyOf(name);
        try (PreparedStatement dms = c.prepareStatement(
                "DELETE FROM messages WHERE conv LIKE ? ESCAPE '\\' OR conv LIKE ? ESCAPE '\\'");
             PreparedStatement keys = c.prepareStatement("UPDATE messages SET idem_key = NULL WHERE sender_key = ?");
             PreparedStatement user = c.prepareStatement("DELETE FROM users WHERE name_key = ?")) {
            dms.setString(1, "@" + literalInLike(key) + "|%");
            dms.setString(2, "@%|" + literalInLike(key));
            dms.executeUpdate();
            ReadStore.forgetPrivate(c, key);
            keys.setString(1, key);
            keys.executeUpdate();
            user.setString(1, key);
            return user.executeUpdate() == 1;
        }
    }

    /** {@code text} matched as itself in a LIKE pattern with {@code ESCAPE '\'}: names may hold '_', a wildcard. */
    private static String literalInLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
