package org.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.server.testing.TestServer;

/** The data directory is owner-only, whether the server creates it or finds it open to others. */
class DataDirectoryTest {
    @TempDir
    Path dir;

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void aNewDataDirectoryIsOwnerOnly() throws Exception {
        Path data = dir.resolve("new");
        try (TestServer server = TestServer.start(data)) {
            assertEquals("rwx------", mode(data));
            assertEquals("rw-------", mode(data.resolve(ParleyServer.DATABASE_FILE)));
        }
    }

    @Test
    void anExistingDataDirectoryOpenToOthersIsTightened() throws Exception {
        Path data = Files.createDirectory(dir.resolve("old"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x")); // whatever the umask
        try (TestServer server = TestServer.start(data)) {
            assertEquals("rwx------", mode(data));
        }
    }
}
