package org.parley.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.parley.server.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * {@code PRAGMA quick_check} at startup: reads every page of every table and index and checks the b-tree
 * structure (not that indexes match their tables, which a full integrity_check does at several times the
 * cost). A progress handler stops it once its time budget is spent, so a large file delays the start by
 * at most the budget; what was not reached is then unchecked, and the log says so.
 */
final class IntegrityCheck {
    private static final Logger LOG = LoggerFactory.getLogger(IntegrityCheck.class);
    /** SQLite steps between looks at the clock. */
    private static final int STEPS_PER_CALLBACK = 10_000;

    /** What the check found: nothing wrong, no time to finish, or SQLite's first complaint. */
    record Outcome(boolean complete, String problem) {
        boolean ok() {
            return complete && problem == null;
        }
    }

    private IntegrityCheck() {
    }

    static Outcome run(Connection connection, Duration budget) throws SQLException {
        long deadline = System.nanoTime() + budget.toNanos();
        ProgressHandler.setHandler(connection, STEPS_PER_CALLBACK, new ProgressHandler() {
            @Override
            protected int progress() {
                return System.nanoTime() - deadline >= 0 ? 1 : 0;
            }
        });
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA quick_check(1)")) {
            String first = rs.next() ? rs.getString(1) : "no result";
            return new Outcome(true, "ok".equals(first) ? null : oneLine(first));
        } catch (SQLiteException e) {
            if (e.getResultCode() == SQLiteErrorCode.SQLITE_INTERRUPT) {
                return new Outcome(false, null);
            }
            throw e;
        } finally {
            ProgressHandler.clearHandler(connection);
        }
    }

    /** SQLite's report spans lines and names the schema ("*** in database main ***"); the operator gets one. */
    private static String oneLine(String report) {
        return report.replace("*** in database main ***", "").strip().replaceAll("\\s*\n\\s*", "; ");
    }

    /** Refuses a damaged file; logs what was checked and how long it took. */
    static void require(Connection connection, Path file, Duration budget) throws SQLException, StartupException {
        long started = System.nanoTime();
        Outcome outcome = run(connection, budget);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (outcome.problem() != null) {
            throw DatabaseFaults.damaged(file, "integrity check: " + outcome.problem(), null);
        }
        if (outcome.complete()) {
            LOG.info("integrity check of {}: ok ({} ms)", file, millis);
        } else {
            LOG.warn("integrity check of {} stopped after its budget of {} ms; the rest of the file was not checked",
                    file, budget.toMillis());
        }
    }
}
