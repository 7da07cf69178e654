package org.parley.server.store;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A database failure carried through a {@link java.util.concurrent.CompletableFuture}, saying what became of the
 * request: {@link Outcome#NOT_DONE} when nothing of it is stored (its transaction was rolled back, or it never
 * started), {@link Outcome#UNKNOWN} when a commit failed in a way that may still have made it durable.
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Outcome { NOT_DONE, UNKNOWN }

    private final Outcome outcome;
    private final boolean storage;
    private final boolean full;

    private StoreException(Outcome outcome, boolean storage, boolean full, String message, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
        this.storage = storage;
        this.full = full;
    }

    /** A failed read (nothing to undo) or a write known to be rolled back. */
    public StoreException(SQLException cause) {
        this(Outcome.NOT_DONE, isStorageFault(cause), isFull(cause), describe(cause), cause);
    }

    static StoreException notDone(String what, SQLException cause) {
        return new StoreException(Outcome.NOT_DONE, isStorageFault(cause), isFull(cause), what + ": " + describe(cause), cause);
    }

    static StoreException unknown(String what, SQLException cause) {
        return new StoreException(Outcome.UNKNOWN, true, isFull(cause), what + ": " + describe(cause), cause);
    }

    /**
     * A failure of the storage (not of Parley's SQL) as another engine classified it, e.g. PostgreSQL's connection
     * loss or full disk: retrying later may succeed.
     */
    public static StoreException storage(Outcome outcome, boolean full, String message, Throwable cause) {
        return new StoreException(outcome, true, full, message, cause);
    }

    /** A failure that is not the storage's (a bug in Parley's SQL): answered INTERNAL. */
    public static StoreException bug(String message, Throwable cause) {
        return new StoreException(Outcome.NOT_DONE, false, false, message, cause);
    }

    /** Refused because the server is shutting down: nothing was done, another instance may take it. */
    static StoreException closing() {
        return new StoreException(Outcome.NOT_DONE, true, false, "database is closing", null);
    }

    /** Refused before it reached the database because the file system is nearly full. */
    static StoreException lowOnSpace(String message) {
        return new StoreException(Outcome.NOT_DONE, true, true, message, null);
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The disk is full, or nearly: below the free-space watermark. */
    public boolean isFull() {
        return full;
    }

    /**
     * True when the disk or the file failed (full, I/O error, unwritable, locked, damaged) rather than the server's
     * own SQL: such a request may succeed when retried later.
     */
    public boolean isStorage() {
        return storage;
    }

    /** The failure as one log line: SQLite's own result code name (e.g. SQLITE_IOERR_READ), never a guess. */
    static String describe(SQLException e) {
        if (e instanceof SQLiteException s) {
            SQLiteErrorCode code = s.getResultCode();
            // sqlite-jdbc's message starts with "[SQLITE_…]" already; add the extended code when it names one.
            SQLiteErrorCode extended = SQLiteErrorCode.getErrorCode(s.getErrorCode());
            String message = s.getMessage();
            return extended != SQLiteErrorCode.UNKNOWN_ERROR && extended != code && !message.contains(extended.name())
                    ? extended.name() + " " + message : message;
        }
        return e.getMessage();
    }

    /** Faults of the storage beneath SQLite, as opposed to SQL errors (constraints, misuse), which are bugs here. */
    private static final Set<SQLiteErrorCode> STORAGE_FAULTS = EnumSet.of(SQLiteErrorCode.SQLITE_PERM,
            SQLiteErrorCode.SQLITE_BUSY, SQLiteErrorCode.SQLITE_LOCKED, SQLiteErrorCode.SQLITE_NOMEM,
            SQLiteErrorCode.SQLITE_READONLY, SQLiteErrorCode.SQLITE_IOERR, SQLiteErrorCode.SQLITE_CORRUPT,
            SQLiteErrorCode.SQLITE_FULL, SQLiteErrorCode.SQLITE_CANTOPEN, SQLiteErrorCode.SQLITE_PROTOCOL,
            SQLiteErrorCode.SQLITE_NOTADB);

    static boolean isStorageFault(SQLException e) {
        return e instanceof SQLiteException s && STORAGE_FAULTS.contains(primary(s));
    }

    /** SQLite reports an EIO from read() as a damaged page (SQLITE_CORRUPT) or as SQLITE_IOERR. */
    static boolean mayBeIoError(SQLException e) {
        if (!(e instanceof SQLiteException s)) {
            return false;
        }
        SQLiteErrorCode code = primary(s);
        return code == SQLiteErrorCode.SQLITE_CORRUPT || code == SQLiteErrorCode.SQLITE_NOTADB
                || code == SQLiteErrorCode.SQLITE_IOERR;
    }

    static boolean isFull(SQLException e) {
        return e instanceof SQLiteException s && primary(s) == SQLiteErrorCode.SQLITE_FULL;
    }

    /**
     * True when a failed COMMIT cannot have stored anything: a write() of the WAL failed (ENOSPC, EIO, EPERM), and
     * SQLite writes the frame that marks the commit last. A failed fsync (SQLITE_IOERR_FSYNC) may still leave that
     * frame complete on disk, to be found by the next start's recovery.
     */
    static boolean commitRecordUnwritten(SQLException e) {
        return isFull(e) || e instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_IOERR_WRITE;
    }

    /** The primary result code: extended codes keep it in their low byte. */
    private static SQLiteErrorCode primary(SQLiteException e) {
        return SQLiteErrorCode.getErrorCode(e.getResultCode().code & 0xff);
    }
}
