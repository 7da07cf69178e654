package org.parley.server.store.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.parley.server.store.Migrations;

/**
 * PostgreSQL's script for each step of {@link Migrations}: step N here makes the same tables, columns and indexes as
 * step N there, in PostgreSQL's words (BIGINT, a sequence for message ids). The version lives in a one-row table,
 * {@code parley_schema}, which also tells Parley's database from another program's. Append-only, like SQLite's.
 */
public final class PgMigrations {
    // Own runner, not Flyway: SQLite files record user_version already; Flyway 10+ shades in Jackson (docs/cluster.md).

    static final List<String[]> STEPS = List.of(
            new String[] {
                "CREATE TABLE users(id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE,"
                        + " password_hash TEXT NOT NULL, created_at BIGINT NOT NULL)",
                "CREATE TABLE rooms(name TEXT PRIMARY KEY, created_by TEXT, created_at BIGINT NOT NULL)",
                "CREATE TABLE room_members(room TEXT NOT NULL REFERENCES rooms(name) ON DELETE CASCADE,"
                        + " user_key TEXT NOT NULL REFERENCES users(name_key) ON DELETE CASCADE, PRIMARY KEY(room, user_key))",
                // CACHE 1 (the default, said out loud): a per-connection cache would hand out ids out of order, and a
                // message's id is taken under its conversation's lock so that ids grow in commit order (PgMessages).
                "CREATE SEQUENCE message_ids CACHE 1",
                "CREATE TABLE messages(id BIGINT PRIMARY KEY, conv TEXT NOT NULL, sender_key TEXT NOT NULL,"
                        + " sender TEXT NOT NULL, recipient TEXT NOT NULL, text TEXT NOT NULL, ts BIGINT NOT NULL, idem_key TEXT)",
                "CREATE INDEX messages_conv ON messages(conv, id)",
                "CREATE UNIQUE INDEX messages_idem ON messages(sender_key, idem_key) WHERE idem_key IS NOT NULL",
                "CREATE TABLE resume_tokens(token_hash TEXT PRIMARY KEY,"
                        + " user_key TEXT NOT NULL REFERENCES users(name_key) ON DELETE CASCADE, expires_at BIGINT NOT NULL)",
                "INSERT INTO rooms(name, created_by, created_at) VALUES('#general', NULL, 0)"
            },
            new String[] {
                "CREATE INDEX resume_tokens_user ON resume_tokens(user_key)",
                "CREATE INDEX resume_tokens_expiry ON resume_tokens(expires_at)"
            },
            new String[] {
                "CREATE TABLE read_markers(user_key TEXT NOT NULL REFERENCES users(name_key) ON DELETE CASCADE,"
                        + " conv TEXT NOT NULL, last_read BIGINT NOT NULL, PRIMARY KEY(user_key, conv))",
                "CREATE TABLE mentions(user_key TEXT NOT NULL REFERENCES users(name_key) ON DELETE CASCADE,"
                        + " conv TEXT NOT NULL, id BIGINT NOT NULL, PRIMARY KEY(user_key, conv, id))",
                "INSERT INTO read_markers(user_key, conv, last_read) SELECT name_key, '#general',"
                        + " COALESCE((SELECT MAX(id) FROM messages WHERE conv = '#general'), 0) FROM users",
                "INSERT INTO read_markers(user_key, conv, last_read) SELECT rm.user_key, rm.room,"
                        + " COALESCE((SELECT MAX(id) FROM messages m WHERE m.conv = rm.room), 0) FROM room_members rm",
                "INSERT INTO read_markers(user_key, conv, last_read) SELECT split_part(substr(conv, 2), '|', 1), conv,"
                        + " MAX(id) FROM messages WHERE substr(conv, 1, 1) = '@' GROUP BY conv",
                "INSERT INTO read_markers(user_key, conv, last_read) SELECT split_part(conv, '|', 2), conv,"
                        + " MAX(id) FROM messages WHERE substr(conv, 1, 1) = '@' GROUP BY conv ON CONFLICT DO NOTHING"
            },
            new String[] {
                // Search: the 'simple' configuration (lower case, no stemming, no stop words) matches SQLite's FTS5
                // unicode61 tokenizer closely enough that both stores find the same words (PgSearch).
                "ALTER TABLE messages ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED",
                "CREATE INDEX messages_tsv ON messages USING GIN(tsv)"
            });

    public static final int LATEST = STEPS.size();
    /** Several nodes may start at once; one migrates while the others wait (an arbitrary constant of Parley's). */
    private static final long MIGRATION_LOCK = 0x7061726c6579L;

    private PgMigrations() {
    }

    /** What {@link #inspect} found: Parley's schema at {@code version}, an empty database (0), or someone else's tables. */
    public record Found(int version, List<String> foreignTables) {
        public boolean foreign() {
            return version == 0 && !foreignTables.isEmpty();
        }
    }

    public static Found inspect(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT table_schema || '.' || table_name FROM information_schema.tables"
                + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1 LIMIT 5");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        if (!tables.contains("public.parley_schema")) {
            return new Found(0, tables);
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM parley_schema")) {
            return new Found(rs.next() ? rs.getInt(1) : 0, List.of());
        }
    }

    /**
     * Brings an empty or Parley database to {@link #LATEST}, one transaction per step, under a lock that makes
     * nodes starting together take turns; returns the version found before. The caller refused foreign and newer ones.
     */
    public static int migrate(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
            try {
                int found = inspect(c).version();
                c.setAutoCommit(false);
                if (found == 0) {
                    s.execute("CREATE TABLE parley_schema(version INTEGER NOT NULL)");
                    s.execute("INSERT INTO parley_schema(version) VALUES(0)");
                }
                for (int version = found; version < LATEST; version++) {
                    for (String sql : STEPS.get(version)) {
                        s.execute(sql);
                    }
                    s.execute("UPDATE parley_schema SET version = " + (version + 1));
                    c.commit();
                }
                return found;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
                s.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
                c.setAutoCommit(autoCommit);
            }
        }
    }
}
