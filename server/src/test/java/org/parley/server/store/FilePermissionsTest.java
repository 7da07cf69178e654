package org.parley.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database and everything SQLite writes beside it (and backups of it) are owner-only, on real files. */
class FilePermissionsTest {
    @TempDir
    Path dir;

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void aNewDatabaseAndItsWriteAheadLogAreOwnerOnly() throws Exception {
        Path file = dir.resolve("parley.db");
        try (Database db = Database.open(file)) {
            db.write(c -> UserStore.insert(c, "alice", "h", 0)).join();
            assertEquals("rw-------", mode(file));
            assertEquals("rw-------", mode(dir.resolve("parley.db-wal")));
        }
    }

    @Test
    void anExistingWorldReadableDatabaseIsTightened() throws Exception {
        Path file = dir.resolve("parley.db");
        Path wal = dir.resolve("parley.db-wal");
        try (Connection c = Database.connect(file); Statement s = c.createStatement()) {
            Migrations.migrate(c, Migrations.LATEST);
            s.execute("PRAGMA wal_autocheckpoint = 0"); // leave the log behind for the next open to find
            UserStore.insert(c, "alice", "h", 0);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            Files.setPosixFilePermissions(wal, PosixFilePermissions.fromString("rw-r--r--"));
            try (Database db = Database.open(file)) {
                assertEquals("rw-------", mode(file));
                assertEquals("rw-------", mode(wal));
            }
        }
    }

    @Test
    void aBackupIsOwnerOnly() throws Exception {
        Path file = dir.resolve("parley.db");
        try (Database db = Database.open(file)) {
            db.write(c -> UserStore.insert(c, "alice", "h", 0)).join();
        }
        Path copy = dir.resolve("copy.db");
        Backup.run(file, copy);
        assertEquals("rw-------", mode(copy));
    }
}
