package org.parley.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.parley.server.ExitCode;
import org.parley.server.StartupException;
import org.parley.server.util.FileErrors;
import org.parley.server.util.OwnerOnly;

/**
 * The database file before SQLite opens it. SQLite treats a missing or zero-length file alike, as a new
 * empty database; an existing file must never be taken for one, so a new database is built under a staging
 * name and only then put in place, and an existing empty file is refused.
 */
final class DatabaseFile {
    static final String STAGING_SUFFIX = ".new";
    /** The database itself and what SQLite keeps beside it (-shm only from versions that mapped it). */
    private static final String[] SIBLINGS = {"", "-wal", "-journal", "-shm"};

    private DatabaseFile() {
    }

    /** Checks an existing file, or creates a new one at the latest schema; true if it created it. */
    static boolean prepare(Path file) throws StartupException {
        try {
            if (Files.exists(file)) {
                checkExisting(file);
                return false;
            }
            Path wal = Path.of(file + "-wal");
            if (Files.exists(wal)) {
                throw new StartupException(ExitCode.DATABASE_DAMAGED, file + " is missing but its write-ahead log "
                        + wal + " is there; restore the database from a backup, or delete the log to start over");
            }
            createNew(file);
            return true;
        } catch (IOException e) {
            throw new StartupException(ExitCode.DATA_DIR_UNUSABLE, "cannot create " + file + ": " + FileErrors.reason(e)
                    + "; check that its directory is writable by this user and the disk has room", e);
        }
    }

    /**
     * Refuses an empty file and makes the file and SQLite's files beside it owner-only (files written by
     * versions before 0600 are 0644; SQLite creates a new -wal with the database file's mode).
     */
    static void checkExisting(Path file) throws StartupException {
        try {
            if (Files.size(file) == 0) {
                throw new StartupException(ExitCode.DATABASE_EMPTY, file + " is empty (0 bytes), not a database;"
                        + " restore it from a backup, or delete it to start over with no accounts");
            }
        } catch (IOException e) {
            throw new StartupException(ExitCode.DATA_DIR_UNUSABLE, "cannot read " + file + ": " + FileErrors.reason(e), e);
        }
        for (String suffix : SIBLINGS) {
            Path path = Path.of(file + suffix);
            try {
                OwnerOnly.tighten(path);
            } catch (IOException e) {
                throw new StartupException(ExitCode.DATA_DIR_UNUSABLE, path + " is readable by other users and cannot"
                        + " be made owner-only (" + FileErrors.reason(e) + "); chmod 600 it as its owner", e);
            }
        }
    }

    /** Migrates a staging file (owner-only, as {@link Database#connect} creates it) and puts it in place. */
    private static void createNew(Path file) throws IOException, StartupException {
        Path staging = Path.of(file + STAGING_SUFFIX);
        Files.deleteIfExists(staging); // left by a start that died while creating; it never held data
        Files.deleteIfExists(Path.of(staging + "-wal"));
        try (Connection connection = Database.connect(staging)) {
            Migrations.migrate(connection, Migrations.LATEST);
        } catch (SQLException e) {
            throw DatabaseFaults.describe(file, e);
        }
        // A hard link fails if the name exists, so a file that appeared meanwhile is never replaced.
        Files.createLink(file, staging);
        Files.delete(staging);
    }
}
