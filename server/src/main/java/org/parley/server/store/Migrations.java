package org.parley.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema as an append-only list of steps; {@code PRAGMA user_version} records how many have run.
 * Never edit a released step: add a new one, so every existing data directory upgrades the same way. Why not
 * Flyway or Liquibase: one embedded SQLite file and a handful of steps; they bring a classpath scanner and a
 * metadata table of their own for what {@code user_version} already records.
 */
public final class Migrations {
    // One script per dialect: pg.PgMigrations holds PostgreSQL's step for each of these, same numbers (docs/cluster.md).

    static final List<String[]> STEPS = List.of(
            new String[] {
                "CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE,"
                        + " password_hash TEXT NOT NULL, created_at INTEGER NOT NULL)",
                "CREATE TABLE rooms(name TEXT PRIMARY KEY, created_by TEXT, created_at INTEGER NOT NULL)",
                "CREATE TABLE room_members(room TEXT NOT NULL REFERENCES rooms(name) ON DELETE CASCADE,"
                        + " user_key TEXT NOT NULL REFERENCES users(name_key) ON DELETE CASCADE, PRIMARY KEY(room, user_key))",
                "CREATE TABLE messages(id INTEGER PRIMARY KEY AUTOINCREMENT, conv TEXT NOT NULL, sender_key TEXT NOT NULL,"
                        + " sender TEXT NOT NULL, recipient TEXT NOT NULL, text TEXT NOT NULL, ts INTEGER NOT NULL, idem_key TEXT)",
                "CREATE INDEX messages_conv ON messages(conv, id)",
                "CREATE UNIQUE INDEX messages_idem ON messages(sender_key, idem_key) WHERE idem_key IS NOT NULL",
                "CREATE TABLE resume_tokens(token_hash TEXT PRIMARY KEY,"
                        + " user_key TEXT NOT NULL REFERENCES users(name_key) ON DELETE CASCADE, expires_at INTEGER NOT NULL)",
                "INSERT INTO rooms(name, created_by, created_at) VALUES('#general', NULL, 0)"
            },
            new String[] {
                // v2: expired tokens are purged at startup and revoked per user on delete; both scan by these.
                "CREATE INDEX resume_tokens_user ON resume_tokens(user_key)",
                "CREATE INDEX resume_tokens_expiry ON resume_tokens(expires_at)"
            },
            new String[] {
                // v3: read state (issue 13). What existed before the upgrade counts as read: markers at each
                // conversation's newest message for every member, so nobody logs in to the whole past as unread.
                "CREATE TABLE read_markers(user_key TEXT NOT NULL REFERENCES users(name_key) ON DELETE CASCADE,"
                        + " conv TEXT NOT NULL, last_read INTEGER NOT NULL, PRIMARY KEY(user_key, conv))",
                "CREATE TABLE mentions(user_key TEXT NOT NULL REFERENCES users(name_key) ON DELETE CASCADE,"
                        + " conv TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY(user_key, conv, id))",
                "INSERT INTO read_markers(user_key, conv, last_read) SELECT name_key, '#general',"
                        + " COALESCE((SELECT MAX(id) FROM messages WHERE conv = '#general'), 0) FROM users",
                "INSERT INTO read_markers(user_key, conv, last_read) SELECT rm.user_key, rm.room,"
                        + " COALESCE((SELECT MAX(id) FROM messages m WHERE m.conv = rm.room), 0) FROM room_members rm",
                "INSERT INTO read_markers(user_key, conv, last_read) SELECT substr(conv, 2, instr(conv, '|') - 2), conv,"
                        + " MAX(id) FROM messages WHERE substr(conv, 1, 1) = '@' GROUP BY conv",
                "INSERT OR IGNORE INTO read_markers(user_key, conv, last_read) SELECT substr(conv, instr(conv, '|') + 1),"
                        + " conv, MAX(id) FROM messages WHERE substr(conv, 1, 1) = '@' GROUP BY conv"
            },
            new String[] {
                // v4: search (issue 13). FTS5 over messages.text as an external-content index: the text is stored
                // once; new messages are indexed by the writer once per group commit (SearchIndex: an insert trigger cost 4x),
                // the triggers keep deletes and edits in the writing transaction. No diacritic folding, like
                // PostgreSQL's 'simple' configuration, so both stores find the same words.
                "CREATE VIRTUAL TABLE messages_fts USING fts5(text, content='messages', content_rowid='id',"
                        + " tokenize='unicode61 remove_diacritics 0')",
                "CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN"
                        + " INSERT INTO messages_fts(messages_fts, rowid, text) VALUES('delete', old.id, old.text); END",
                "CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN"
                        + " INSERT INTO messages_fts(messages_fts, rowid, text) VALUES('delete', old.id, old.text);"
                        + " INSERT INTO messages_fts(rowid, text) VALUES(new.id, new.text); END",
                "INSERT INTO messages_fts(messages_fts) VALUES('rebuild')"
            });

    public static final int LATEST = STEPS.size();

    private Migrations() {
    }

    /** Brings the schema to {@code target}, one transaction per step, and returns the version found before. */
    public static int migrate(Connection connection, int target) throws SQLException {
        int found = version(connection);
        if (found > LATEST) {
            throw new SQLException("database schema version " + found + " is newer than this server (" + LATEST
                    + "); refusing to touch it");
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (int version = found; version < target; version++) {
                for (String sql : STEPS.get(version)) {
                    statement.execute(sql);
                }
                statement.execute("PRAGMA user_version = " + (version + 1));
                connection.commit();
            }
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return found;
    }

    public static int version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             var rs = statement.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
