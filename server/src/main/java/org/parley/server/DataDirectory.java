package org.parley.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.parley.server.util.FileErrors;
import org.parley.server.util.OwnerOnly;

/**
 * The data directory holds password hashes and the TLS key: owner-only (0700). It is created so; an existing
 * one that others may enter is tightened with a warning in the log.
 */
final class DataDirectory {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private DataDirectory() {
    }

    static void prepare(Path dir) throws StartupException {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
        } catch (IOException e) {
            throw unusable(dir, "cannot be created (" + FileErrors.reason(e) + ")", e);
        }
        try {
            OwnerOnly.tighten(dir);
        } catch (IOException e) {
            throw unusable(dir, "is open to other users and cannot be made owner-only (" + FileErrors.reason(e) + ")", e);
        }
    }

    static StartupException unusable(Path dir, String problem, Exception cause) {
        return new StartupException(ExitCode.DATA_DIR_UNUSABLE, "data directory " + dir + " " + problem
                + "; fix it or choose another with --data-dir", cause);
    }
}
