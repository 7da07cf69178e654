package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** SQL for resume tokens. Only a hash of each token is stored, so a copied database cannot resume anyone. */
public final class TokenStore {

    private TokenStore() {
    }

    public static void insert(Connection c, String tokenHash, String userKey, long expiresAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO resume_tokens(token_hash, user_key, expires_at) VALUES(?,?,?)")) {
            s.setString(1, tokenHash);
            s.setString(2, userKey);
            s.setLong(3, expiresAt);
            s.executeUpdate();
        }
    }

    /** Deletes the token and returns its user's name if it existed and had not expired (single use). */
    public static Optional<String> consume(Connection c, String tokenHash, long now) throws SQLException {
        String userKey = null;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT user_key FROM resume_tokens WHERE token_hash = ? AND expires_at > ?")) {
            s.setString(1, tokenHash);
            s.setLong(2, now);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    userKey = rs.getString(1);
                }
            }
        }
        revoke(c, tokenHash);
        if (userKey == null) {
            return Optional.empty();
        }
        try (PreparedStatement s = c.prepareStatement("SELECT name FROM users WHERE name_key = ?")) {
            s.setString(1, userKey);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public static void revoke(Connection c, String tokenHash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM resume_tokens WHERE token_hash = ?")) {
            s.setString(1, tokenHash);
            s.executeUpdate();
        }
    }

    public static int purgeExpired(Connection c, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM resume_tokens WHERE expires_at <= ?")) {
            s.setLong(1, now);
            return s.executeUpdate();
        }
    }
}
