package org.parley.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's statement cache on a real SQLite file: reuse, a no-op close, and a clean slate after a failure. */
class StatementCacheTest {
    @TempDir
    Path dir;

    @Test
    void aStatementIsPreparedOnceAndStaysUsableAfterItsCallerClosesIt() throws Exception {
        try (Connection c = StatementCache.wrap(Database.connect(dir.resolve("c.db")))) {
            try (PreparedStatement create = c.prepareStatement("CREATE TABLE t(k TEXT PRIMARY KEY, v INTEGER)")) {
                create.execute();
            }
            PreparedStatement first;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO t(k, v) VALUES(?, ?)")) {
                first = s;
                s.setString(1, "a");
                s.setInt(2, 1);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO t(k, v) VALUES(?, ?)")) {
                assertSame(first, s, "the same statement again");
                assertFalse(s.isClosed(), "its caller's close only readied it");
                s.setString(1, "b");
                s.setInt(2, 2);
                s.executeUpdate();
            }
            assertEquals(3, sum(c));
            assertEquals(3, sum(c), "a query's statement and result set are reusable too");
        }
    }

    @Test
    void afterAFailureTheStatementsAreForgottenAndPreparedAfresh() throws Exception {
        try (Connection c = StatementCache.wrap(Database.connect(dir.resolve("f.db")))) {
            try (PreparedStatement create = c.prepareStatement("CREATE TABLE t(k TEXT PRIMARY KEY, v INTEGER)")) {
                create.execute();
            }
            PreparedStatement before = insert(c, "a", 1);
            assertThrows(SQLException.class, () -> insert(c, "a", 2), "duplicate key");
            StatementCache.forgetStatements(c);
            assertNotSame(before, insert(c, "b", 5));
            assertEquals(6, sum(c));
        }
    }

    private static PreparedStatement insert(Connection c, String k, int v) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO t(k, v) VALUES(?, ?)")) {
            s.setString(1, k);
            s.setInt(2, v);
            s.executeUpdate();
            return s;
        }
    }

    private static int sum(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT SUM(v) FROM t"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
