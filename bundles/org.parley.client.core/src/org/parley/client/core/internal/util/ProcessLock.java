package org.parley.client.core.internal.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

/**
 * Runs a read-modify-write of a shared file while holding an exclusive OS lock on a sibling {@code .lock} file, so
 * two Parley processes of one user never interleave their updates. Java file locks belong to the whole JVM (a second
 * lock from the same JVM throws), so threads of one JVM queue on a JVM-wide monitor first.
 */
public final class ProcessLock {
    private static final Object JVM_WIDE = new Object();

    private ProcessLock() {
    }

    public static <T> T around(Path file, Supplier<T> action) {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        synchronized (JVM_WIDE) {
            try {
                Files.createDirectories(lockFile.toAbsolutePath().getParent());
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    return action.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + lockFile, e);
            }
        }
    }
}
