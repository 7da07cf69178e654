package org.parley.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.parley.server.ExitCode;
import org.parley.server.StartupException;
import org.parley.server.util.FileErrors;
import org.parley.server.util.OwnerOnly;

/**
 * Copies the database with SQLite's backup API. A running server holds the file exclusively (see
 * {@link Database}), so this runs while it is stopped and otherwise says so in one line.
 */
public final class Backup {

    private Backup() {
    }

    public static void run(Path database, Path target) throws SQLException, StartupException {
        try (Connection connection = Database.openExisting(database); Statement statement = connection.createStatement()) {
            ownerOnlyTarget(target);
            String path = target.toAbsolutePath().toString();
            // sqlite-jdbc's "backup to" takes a quoted path but has no escape for the quote itself.
            String quote = path.contains("'") ? "\"" : "'";
            if (path.contains(quote)) {
                throw new SQLException("backup path may not contain both kinds of quote: " + path);
            }
            statement.executeUpdate("backup to " + quote + path + quote);
        }
    }

    /** SQLite would create the copy 0644; made 0600 first (an existing one tightened), it writes into that. */
    private static void ownerOnlyTarget(Path target) throws StartupException {
        try {
            if (Files.exists(target)) {
                OwnerOnly.tighten(target);
            } else {
                Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (IOException e) {
            throw new StartupException(ExitCode.DATA_DIR_UNUSABLE, "cannot write the backup " + target + ": "
                    + FileErrors.reason(e), e);
        }
    }
}
