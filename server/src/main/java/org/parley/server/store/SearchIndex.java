package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Keeps SQLite's FTS5 index ({@code messages_fts}) up with the messages, inside a group commit's transaction: the
 * writer calls it every {@link WriteQueue#INDEX_AFTER} commits and before any search reads the index, so search
 * still finds a message as soon as history does; opening a file catches up whatever a crash left unindexed. Why not an {@code AFTER INSERT} trigger: FTS5 writes its pending terms out at every savepoint the writer opens per
 * task, so a per-row trigger cost ~40 µs a message against ~4–10 µs for one INSERT … SELECT per batch, and halved
 * the 100-client room's peak (releng/bench/FINDINGS.md, stop 13). What is indexed is read from the file itself
 * ({@code messages_fts_docsize}, FTS5's table of one row per indexed message), so a rolled-back batch, a commit of
 * unknown outcome or messages written without this class never leave the index behind or index a row twice.
 */
final class SearchIndex {
    private static final String ADD_NEW = "INSERT INTO messages_fts(rowid, text) SELECT id, text FROM messages"
            + " WHERE id > (SELECT COALESCE(MAX(id), 0) FROM messages_fts_docsize)";

    private SearchIndex() {
    }

    /** Indexes every message beyond the index, in the caller's transaction (or its own, in autocommit). */
    static void addNewMessages(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(ADD_NEW)) {
            s.executeUpdate();
        }
    }
}
