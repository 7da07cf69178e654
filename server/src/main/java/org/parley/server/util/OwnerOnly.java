package org.parley.server.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes group and other permissions off files that hold password hashes or keys, saying so in the log.
 * Tightening rather than refusing: the server's own user owns these files, and nobody else should read them.
 */
public final class OwnerOnly {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnly() {
    }

    /** Removes group and other permissions from {@code path} if it exists and has any. */
    public static void tighten(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        if (permissions.stream().noneMatch(OTHERS::contains)) {
            return;
        }
        Set<PosixFilePermission> tightened = EnumSet.copyOf(permissions);
        tightened.removeAll(OTHERS);
        Files.setPosixFilePermissions(path, tightened);
        LOG.warn("{} was {}; made it owner-only ({})", path, PosixFilePermissions.toString(permissions),
                PosixFilePermissions.toString(tightened));
    }
}
