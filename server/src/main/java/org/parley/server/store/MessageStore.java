package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.parley.protocol.ChatMessage;

/**
 * SQL for messages. {@code conv} names the conversation a message belongs to: the room name, or
 * {@code @a|b} with both user keys sorted for a private conversation, so either side finds the same history.
 */
public final class MessageStore {
    private static final String COLUMNS = "id, sender, recipient, text, ts";
    /** The columns {@link #bind} sets, in its order. */
    public static final String INSERT_COLUMNS = "conv, sender_key, sender, recipient, text, ts, idem_key";

    /** What a send stored; {@code duplicate} when an idempotency key matched an earlier message. */
    public record Stored(ChatMessage message, boolean duplicate) {
    }

    private MessageStore() {
    }

    /**
     * SQLite's way: stores a message with the next id of the whole file (the single writer commits in id order), or
     * returns the sender's earlier message with the same idempotency key.
     */
    public static Stored insert(Connection c, Store.NewMessage m) throws SQLException {
        if (m.idemKey() != null) {
            Optional<ChatMessage> earlier = byKey(c, m.senderKey(), m.idemKey());
            if (earlier.isPresent()) {
                return new Stored(earlier.get(), true);
            }
        }
        // RETURNING, not getGeneratedKeys: the driver prepares a "SELECT last_insert_rowid()" for every call of that.
        try (PreparedStatement s = c.prepareStatement("INSERT INTO messages(" + INSERT_COLUMNS + ") VALUES(?,?,?,?,?,?,?)"
                + " RETURNING id")) {
            bind(s, 1, m);
            try (ResultSet keys = s.executeQuery()) {
                keys.next();
                return new Stored(stored(keys.getLong(1), m), false);
            }
        }
    }

    /** Sets the seven columns after {@code id}, in {@link #INSERT_COLUMNS} order, from parameter {@code first} on. */
    public static void bind(PreparedStatement s, int first, Store.NewMessage m) throws SQLException {
        s.setString(first, m.conv());
        s.setString(first + 1, m.senderKey());
        s.setString(first + 2, m.sender());
        s.setString(first + 3, m.recipient());
        s.setString(first + 4, m.text());
        s.setLong(first + 5, m.at().toEpochMilli());
        s.setString(first + 6, m.idemKey());
    }

    /** The message as stored: the timestamp has millisecond precision, as in the table. */
    public static ChatMessage stored(long id, Store.NewMessage m) {
        return new ChatMessage(id, m.sender(), m.recipient(), m.text(), Instant.ofEpochMilli(m.at().toEpochMilli()));
    }

    public static Optional<ChatMessage> byKey(Connection c, String senderKey, String idemKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM messages WHERE sender_key = ? AND idem_key = ?")) {
            s.setString(1, senderKey);
            s.setString(2, idemKey);
            List<ChatMessage> found = list(s);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    /**
     * Up to {@code limit} messages of a conversation next to a cursor, <em>nearest the cursor first</em>: without
     * {@code after}, the newest ones older than {@code before} (or overall), newest first; with {@code after}, the
     * oldest ones newer than it (and older than {@code before}, if given), oldest first.
     */
    public static List<ChatMessage> fromCursor(Connection c, String conv, Long before, Long after, int limit)
            throws SQLException {
        boolean forward = after != null;
        String sql = "SELECT " + COLUMNS + " FROM messages WHERE conv = ? AND id > ? AND id < ? ORDER BY id "
                + (forward ? "ASC" : "DESC") + " LIMIT ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, conv);
            s.setLong(2, after == null ? Long.MIN_VALUE : after);
            s.setLong(3, before == null ? Long.MAX_VALUE : before);
            s.setInt(4, limit);
            return list(s);
        }
    }

    /** The newest id of every conversation that has messages (one row per conversation). */
    public static java.util.Map<String, Long> latest(Connection c) throws SQLException {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT conv, MAX(id) FROM messages GROUP BY conv");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static List<ChatMessage> list(PreparedStatement s) throws SQLException {
        List<ChatMessage> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new ChatMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5))));
            }
        }
        return out;
    }
}
