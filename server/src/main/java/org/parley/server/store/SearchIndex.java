package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Keeps SQLite's FTS5 index ({@code messages_fts}) up with the messages, once per group commit and inside its
 * transaction: a message is never committed without its index entry, and search finds it as soon as history does.
 * Why not an {@code AFTER INSERT} trigger: FTS5 writes its pending terms out at every savepoint the writer opens per
 * task, so a per-row trigger cost ~40 µs a message against ~4–10 µs for one INSERT … SELECT per batch, and halved
 * the 100-client room's peak (releng/bench/FINDINGS.md, stop 13). Used by the writer thread only.
 */
final class SearchIndex {
    private long indexedUpTo;
    private long pendingUpTo;

    private SearchIndex(long indexedUpTo) {
        this.indexedUpTo = indexedUpTo;
        this.pendingUpTo = indexedUpTo;
    }

    /**
     * Indexes whatever the file holds beyond the index (nothing, unless messages were written without this class) and
     * starts after the newest message. {@code messages_fts_docsize} is FTS5's own table of one row per indexed message.
     */
    static SearchIndex catchUp(Connection connection) throws SQLException {
        long indexed;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM messages_fts_docsize")) {
            indexed = rs.next() ? rs.getLong(1) : 0;
        }
        SearchIndex index = new SearchIndex(indexed);
        index.addNewMessages(connection);
        index.committed();
        return index;
    }

    /** Indexes the messages this transaction added; they count as indexed once it {@link #committed}. */
    void addNewMessages(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO messages_fts(rowid, text) SELECT id, text FROM messages WHERE id > ?")) {
            s.setLong(1, indexedUpTo);
            s.executeUpdate();
        }
        pendingUpTo = newestId(connection);
    }

    void committed() {
        indexedUpTo = pendingUpTo;
    }

    /** The transaction was rolled back: its messages and their index entries are gone alike. */
    void rolledBack() {
        pendingUpTo = indexedUpTo;
    }

    private static long newestId(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(id) FROM messages")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
