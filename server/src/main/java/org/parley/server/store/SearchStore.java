package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.parley.protocol.ChatMessage;

/**
 * Full-text search, SQLite's way: the FTS5 index {@code messages_fts} (migration step 4). The words come from
 * {@link org.parley.protocol.SearchWords}, letters and digits only; each is quoted as an FTS5 string, so nothing the
 * user typed is ever FTS5 syntax, and the words are ANDed. Newest match first, {@code before} pages on.
 */
public final class SearchStore {

    /** One match: the conversation key and the message. */
    public record Found(String conv, ChatMessage message) {
    }

    /** How a dialect finds up to {@code limit} messages of {@code convs} holding every word, newest first. */
    @FunctionalInterface
    public interface Search {
        List<Found> find(Connection c, List<String> words, Collection<String> convs, Long before, int limit)
                throws SQLException;
    }

    private SearchStore() {
    }

    static List<Found> sqlite(Connection c, List<String> words, Collection<String> convs, Long before, int limit)
            throws SQLException {
        StringBuilder match = new StringBuilder();
        for (String word : words) {
            match.append(match.isEmpty() ? "" : " ").append('"').append(word).append('"');
        }
        String sql = "SELECT m.id, m.sender, m.recipient, m.text, m.ts, m.conv FROM messages_fts f"
                + " JOIN messages m ON m.id = f.rowid WHERE messages_fts MATCH ? AND m.id < ? AND m.conv IN ("
                + "?,".repeat(convs.size() - 1) + "?) ORDER BY m.id DESC LIMIT ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setString(i++, match.toString());
            s.setLong(i++, before == null ? Long.MAX_VALUE : before);
            for (String conv : convs) {
                s.setString(i++, conv);
            }
            s.setInt(i, limit);
            return list(s);
        }
    }

    /** Reads rows of (id, sender, recipient, text, ts, conv). */
    public static List<Found> list(PreparedStatement s) throws SQLException {
        List<Found> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new Found(rs.getString(6), new ChatMessage(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)))));
            }
        }
        return out;
    }
}
