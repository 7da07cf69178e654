package org.parley.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

import org.parley.server.ExitCode;
import org.parley.server.StartupException;
import org.parley.server.util.FileErrors;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

/**
 * Copies the database with SQLite's online backup API into a 0600 file beside the target, then moves it into
 * place atomically: the target is either the old file or a complete copy, never half of one. A running server
 * holds the file exclusively (see {@link Database}) and makes the copy itself ({@link Database#backupTo}).
 */
public final class Backup {
    /** All pages in one step: one read transaction, so one consistent snapshot while the writer commits (WAL). */
    private static final int ALL_PAGES = -1;
    private static final int BUSY_SLEEP_MILLIS = 100;
    private static final int BUSY_RETRIES = 3;

    private Backup() {
    }

    /** The offline path (server stopped): opens the database itself. */
    public static void run(Path database, Path target) throws SQLException, StartupException {
        try (Connection connection = Database.openExisting(database)) {
            copy(connection, target);
        } catch (Failure e) {
            throw new StartupException(ExitCode.DATA_DIR_UNUSABLE, e.getMessage(), e);
        }
    }

    /**
     * Copies what {@code source} sees to {@code target}. Steps of a few pages, sqlite-jdbc's default, would each
     * take a new read transaction, and every commit by another connection (the server's writer) restarts the copy.
     */
    static void copy(Connection source, Path target) throws Failure {
        Path partial = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".partial");
        try {
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new Failure("cannot write the backup " + target + ": " + FileErrors.reason(e), e);
        }
        try {
            int result = source.unwrap(SQLiteConnection.class).getDatabase()
                    .backup("main", partial.toString(), null, BUSY_SLEEP_MILLIS, BUSY_RETRIES, ALL_PAGES);
            if (result != SQLiteErrorCode.SQLITE_OK.code) {
                throw new Failure("cannot write the backup " + target + ": SQLite says "
                        + SQLiteErrorCode.getErrorCode(result).message, null);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new Failure("cannot write the backup " + target + ": " + FileErrors.reason(e), e);
        } catch (SQLException e) {
            throw new Failure("cannot write the backup " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(partial);
            deleteQuietly(partial.resolveSibling(partial.getFileName() + "-journal"));
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left beside the target; its name says what it is.
        }
    }

    /** Why a copy could not be made, in one line naming the target. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        public Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
