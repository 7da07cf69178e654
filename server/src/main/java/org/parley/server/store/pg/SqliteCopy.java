package org.parley.server.store.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.parley.server.ExitCode;
import org.parley.server.StartupException;

/**
 * {@code parley-server migrate}: copies a SQLite deployment into an empty PostgreSQL store in one transaction (all of
 * it or nothing): accounts with their password hashes, rooms, memberships, messages with their ids (so clients'
 * cursors stay valid), resume tokens (so nobody has to log in again); then checks that every table holds as many
 * rows as the source did. The message id sequence continues after the largest copied id.
 */
public final class SqliteCopy {
    /** Table, then the columns both schemas share (users' own id is internal and renumbered). */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();
    static {
        TABLES.put("users", "name, name_key, password_hash, created_at");
        TABLES.put("rooms", "name, created_by, created_at");
        TABLES.put("room_members", "room, user_key");
        TABLES.put("messages", "id, conv, sender_key, sender, recipient, text, ts, idem_key");
        TABLES.put("resume_tokens", "token_hash, user_key, expires_at");
        TABLES.put("read_markers", "user_key, conv, last_read");
        TABLES.put("mentions", "user_key, conv, id");
    }
    private static final int BATCH = 1000;

    private SqliteCopy() {
    }

    /** Rows copied per table, in copy order. */
    public static Map<String, Long> copy(Connection from, Connection to, String target) throws SQLException, StartupException {
        to.setAutoCommit(false);
        try {
            requireEmpty(to, target);
            Map<String, Long> copied = new LinkedHashMap<>();
            for (Map.Entry<String, String> table : TABLES.entrySet()) {
                copyTable(from, to, table.getKey(), table.getValue());
            }
            try (Statement s = to.createStatement()) {
                s.execute("SELECT setval('message_ids', max(id)) FROM messages HAVING count(*) > 0");
            }
            for (String table : TABLES.keySet()) {
                long source = count(from, table);
                long copy = count(to, table);
                if (source != copy) {
                    throw new StartupException(ExitCode.UNEXPECTED, "copy check failed: " + table + " has " + source
                            + " rows in the source but " + copy + " in " + target + "; nothing was written");
                }
                copied.put(table, copy);
            }
            to.commit();
            return copied;
        } catch (SQLException | StartupException | RuntimeException e) {
            to.rollback();
            throw e;
        }
    }

    /** A target with anything of Parley's in it but the {@code #general} room every new schema has is refused. */
    private static void requireEmpty(Connection to, String target) throws SQLException, StartupException {
        for (String table : TABLES.keySet()) {
            long rows = count(to, table) - (table.equals("rooms") ? 1 : 0);
            if (rows > 0) {
                throw new StartupException(ExitCode.MIGRATE_TARGET_NOT_EMPTY, target + " already holds Parley data (" + table
                        + " is not empty); migrate into a new, empty database (createdb), nothing was written");
            }
        }
    }

    private static void copyTable(Connection from, Connection to, String table, String columns) throws SQLException {
        int n = columns.split(",").length;
        String placeholders = "?" + ",?".repeat(n - 1);
        // #general exists in every new schema: keep the source's row for it (its creation time) by updating.
        String conflict = table.equals("rooms") ? " ON CONFLICT (name) DO UPDATE SET created_by = EXCLUDED.created_by,"
                + " created_at = EXCLUDED.created_at" : "";
        try (Statement read = from.createStatement();
             ResultSet rows = read.executeQuery("SELECT " + columns + " FROM " + table + " ORDER BY rowid");
             PreparedStatement write = to.prepareStatement("INSERT INTO " + table + "(" + columns + ") VALUES("
                     + placeholders + ")" + conflict)) {
            int pending = 0;
            while (rows.next()) {
                for (int i = 1; i <= n; i++) {
                    write.setObject(i, rows.getObject(i));
                }
                write.addBatch();
                if (++pending == BATCH) {
                    write.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
