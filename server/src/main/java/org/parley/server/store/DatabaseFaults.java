package org.parley.server.store;

import java.nio.file.Path;
import java.sql.SQLException;

import org.parley.server.ExitCode;
import org.parley.server.StartupException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns what SQLite says when a database cannot be opened into one line an operator can act on. */
final class DatabaseFaults {

    private DatabaseFaults() {
    }

    static StartupException describe(Path file, SQLException e) {
        SQLiteErrorCode code = e instanceof SQLiteException s ? primary(s.getResultCode()) : SQLiteErrorCode.UNKNOWN_ERROR;
        String sqlite = sqliteText(e);
        return switch (code) {
            case SQLITE_BUSY, SQLITE_LOCKED -> new StartupException(ExitCode.DATABASE_IN_USE, file
                    + " is held by another process: a running server (which holds it until it stops) or an admin"
                    + " command; stop that first", e);
            case SQLITE_CORRUPT, SQLITE_NOTADB -> damaged(file, sqlite, e);
            case SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_AUTH ->
                    new StartupException(ExitCode.DATA_DIR_UNUSABLE, "cannot open " + file + ": " + sqlite
                            + "; check that the directory and file exist, are writable by this user and the disk has room", e);
            default -> new StartupException(ExitCode.UNEXPECTED, "cannot open " + file + ": " + sqlite, e);
        };
    }

    static StartupException damaged(Path file, String problem, Throwable cause) {
        return new StartupException(ExitCode.DATABASE_DAMAGED, file + " is damaged (" + problem
                + "); restore it from a backup (the server does not start on a damaged database)", cause);
    }

    /** Extended result codes (SQLITE_BUSY_RECOVERY, SQLITE_IOERR_SHORT_READ...) are their primary code in the low byte. */
    private static SQLiteErrorCode primary(SQLiteErrorCode code) {
        return SQLiteErrorCode.getErrorCode(code.code & 0xff);
    }

    /** SQLite's own explanation, without sqlite-jdbc's "[SQLITE_BUSY] ..." prefix. */
    private static String sqliteText(SQLException e) {
        String message = String.valueOf(e.getMessage());
        int open = message.lastIndexOf('(');
        return message.endsWith(")") && open >= 0 ? message.substring(open + 1, message.length() - 1) : message;
    }
}
