package org.parley.server.store.pg;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

import org.parley.server.store.SearchStore;

/**
 * Full-text search, PostgreSQL's way: the generated {@code tsvector} column {@code messages.tsv} with its GIN index
 * (migration step 4). {@code plainto_tsquery} takes plain text and ANDs its words, never operators, so the user's
 * words (letters and digits only, from SearchWords) cannot be query syntax twice over.
 */
final class PgSearch {

    private PgSearch() {
    }

    static List<SearchStore.Found> find(Connection c, List<String> words, Collection<String> convs, Long before, int limit)
            throws SQLException {
        Array convArray = c.createArrayOf("text", convs.toArray());
        try (PreparedStatement s = c.prepareStatement("SELECT id, sender, recipient, text, ts, conv FROM messages"
                + " WHERE tsv @@ plainto_tsquery('simple', ?) AND id < ? AND conv = ANY(?) ORDER BY id DESC LIMIT ?")) {
            s.setString(1, String.join(" ", words));
            s.setLong(2, before == null ? Long.MAX_VALUE : before);
            s.setArray(3, convArray);
            s.setInt(4, limit);
            return SearchStore.list(s);
        } finally {
            convArray.free();
        }
    }
}
