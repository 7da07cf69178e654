package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.parley.protocol.Limits;
import org.parley.protocol.Mentions;

/**
 * SQL for read state, the same in both dialects: {@code read_markers} holds each user's newest read message id per
 * conversation (rows exist for the rooms a user is in and for every private conversation they are part of, which is
 * how a private conversation begun while they were offline is found), {@code mentions} one row per message that
 * mentions a user ({@link Mentions}), written with the message.
 */
public final class ReadStore {
    /** Counts stop here, in the SQL itself, so a conversation with a million unread messages costs no more. */
    private static final int CAP = Limits.MAX_UNREAD_COUNT;

    /** What {@link #markRead} did. */
    public enum Outcome { ADVANCED, UNCHANGED, NO_SUCH_MESSAGE }

    /** One conversation's counts for one user; see {@link org.parley.protocol.UnreadInfo}. */
    public record Counts(String conv, long upTo, int unread, int mentions, long last) {
    }

    private ReadStore() {
    }

    /**
     * In the message's transaction: the sender has read their own message, the peer of a private conversation gets a
     * marker (so the conversation is listed even if they never opened it), and each mentioned user a mention row.
     */
    static void afterAppend(Connection c, Store.NewMessage m, long id) throws SQLException {
        advance(c, m.senderKey(), m.conv(), id);
        if (m.conv().startsWith("@")) {
            for (String member : m.conv().substring(1).split("\\|")) {
                begin(c, member, m.conv());
            }
        }
        Set<String> mentioned = Mentions.keys(m.text());
        if (mentioned.isEmpty()) {
            return; // most messages: no statement to prepare
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO mentions(user_key, conv, id)"
                + " SELECT name_key, ?, ? FROM users WHERE name_key = ? ON CONFLICT DO NOTHING")) {
            int counted = 0;
            for (String key : mentioned) {
                if (counted == Limits.MAX_MENTIONS_PER_MESSAGE) {
                    break;
                }
                if (key.equals(m.senderKey())) {
                    continue;
                }
                counted++;
                s.setString(1, m.conv());
                s.setLong(2, id);
                s.setString(3, key);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Moves the marker to {@code upTo} if that is a message of {@code conv} and further than the marker. */
    static Outcome markRead(Connection c, String userKey, String conv, long upTo) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM messages WHERE conv = ? AND id = ?")) {
            s.setString(1, conv);
            s.setLong(2, upTo);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Outcome.NO_SUCH_MESSAGE;
                }
            }
        }
        return advance(c, userKey, conv, upTo) ? Outcome.ADVANCED : Outcome.UNCHANGED;
    }

    /**
     * Only for an existing account (the SELECT from users): a message stored for a name that has no account (a store
     * test, or an account deleted meanwhile) must not fail on the foreign key.
     */
    private static boolean advance(Connection c, String userKey, String conv, long upTo) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO read_markers(user_key, conv, last_read)"
                + " SELECT name_key, ?, ? FROM users WHERE name_key = ?"
                + " ON CONFLICT(user_key, conv) DO UPDATE SET last_read = excluded.last_read"
                + " WHERE excluded.last_read > read_markers.last_read")) {
            s.setString(1, conv);
            s.setLong(2, upTo);
            s.setString(3, userKey);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * A marker for a conversation the user starts to see (joining a room, registering for {@code #general}): what is
     * already there counts as read, so a newcomer is not greeted with the room's whole past as unread.
     */
    static void beginAtNewest(Connection c, String userKey, String conv) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO read_markers(user_key, conv, last_read)"
                + " SELECT ?, ?, COALESCE(MAX(id), 0) FROM messages WHERE conv = ? ON CONFLICT DO NOTHING")) {
            s.setString(1, userKey);
            s.setString(2, conv);
            s.setString(3, conv);
            s.executeUpdate();
        }
    }

    /** A marker at 0 (everything unread) unless there is one. */
    private static void begin(Connection c, String userKey, String conv) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO read_markers(user_key, conv, last_read)"
                + " SELECT name_key, ?, 0 FROM users WHERE name_key = ? ON CONFLICT DO NOTHING")) {
            s.setString(1, conv);
            s.setString(2, userKey);
            s.executeUpdate();
        }
    }

    /** Leaving a room forgets its marker: rejoining starts at the newest message again. */
    static void forget(Connection c, String userKey, String conv) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM read_markers WHERE user_key = ? AND conv = ?")) {
            s.setString(1, userKey);
            s.setString(2, conv);
            s.executeUpdate();
        }
    }

    /**
     * With an account's deletion: the markers and mentions of its private conversations, for both sides (the account's
     * own rows go by cascade). Every private conversation has a marker row for each side, so those rows find them all.
     */
    static void forgetPrivate(Connection c, String userKey) throws SQLException {
        List<String> convs = privateConversations(c, userKey);
        try (PreparedStatement markers = c.prepareStatement("DELETE FROM read_markers WHERE conv = ?");
             PreparedStatement mentions = c.prepareStatement("DELETE FROM mentions WHERE conv = ?")) {
            for (String conv : convs) {
                markers.setString(1, conv);
                markers.executeUpdate();
                mentions.setString(1, conv);
                mentions.executeUpdate();
            }
        }
    }

    /** Every private conversation {@code userKey} is part of (each has a marker row for both sides). */
    static List<String> privateConversations(Connection c, String userKey) throws SQLException {
        List<String> convs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT conv FROM read_markers WHERE user_key = ? AND substr(conv, 1, 1) = '@'")) {
            // Not LIKE ('_' in a name is a wildcard) nor a range (PostgreSQL's collation may not sort '@' first).
            s.setString(1, userKey);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    convs.add(rs.getString(1));
                }
            }
        }
        return convs;
    }

    /** Counts for the given rooms and every private conversation of the user, sorted by conversation key. */
    static List<Counts> unread(Connection c, String userKey, Collection<String> rooms) throws SQLException {
        TreeSet<String> convs = new TreeSet<>(rooms);
        convs.addAll(privateConversations(c, userKey));
        List<Counts> out = new ArrayList<>();
        try (PreparedStatement marker = c.prepareStatement("SELECT last_read FROM read_markers WHERE user_key = ? AND conv = ?");
             PreparedStatement last = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM messages WHERE conv = ?");
             PreparedStatement unread = c.prepareStatement("SELECT COUNT(*) FROM (SELECT 1 FROM messages"
                     + " WHERE conv = ? AND id > ? AND id <= ? AND sender_key <> ? LIMIT " + CAP + ") capped");
             PreparedStatement mentions = c.prepareStatement("SELECT COUNT(*) FROM (SELECT 1 FROM mentions"
                     + " WHERE user_key = ? AND conv = ? AND id > ? AND id <= ? LIMIT " + CAP + ") capped")) {
            for (String conv : convs) {
                long upTo = single(marker, userKey, conv);
                long newest = single(last, conv);
                unread.setString(1, conv);
                unread.setLong(2, upTo);
                unread.setLong(3, newest);
                unread.setString(4, userKey);
                mentions.setString(1, userKey);
                mentions.setString(2, conv);
                mentions.setLong(3, upTo);
                mentions.setLong(4, newest);
                out.add(new Counts(conv, upTo, (int) single(unread), (int) single(mentions), newest));
            }
        }
        return out;
    }

    private static long single(PreparedStatement s, String... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            s.setString(i + 1, params[i]);
        }
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
