package org.parley.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.parley.server.StartupException;

/**
 * Copies the database with SQLite's backup API. A running server holds the file exclusively (see
 * {@link Database}), so this runs while it is stopped and otherwise says so in one line.
 */
public final class Backup {

    private Backup() {
    }

    public static void run(Path database, Path target) throws SQLException, StartupException {
        try (Connection connection = Database.openExisting(database); Statement statement = connection.createStatement()) {
            String path = target.toAbsolutePath().toString();
            // sqlite-jdbc's "backup to" takes a quoted path but has no escape for the quote itself.
            String quote = path.contains("'") ? "\"" : "'";
            if (path.contains(quote)) {
                throw new SQLException("backup path may not contain both kinds of quote: " + path);
            }
            statement.executeUpdate("backup to " + quote + path + quote);
        }
    }
}
