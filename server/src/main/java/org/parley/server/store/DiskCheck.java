package org.parley.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Tells a failing disk from a damaged database. SQLite answers an EIO from read() with SQLITE_CORRUPT ("database
 * disk image is malformed"), which sends an operator to restore a backup when the disk is what needs replacing;
 * reading the files back ourselves shows which it is. Only run after a read failed, and at most once per
 * {@link #RECHECK_NANOS}: it reads the whole database, mostly from the page cache.
 */
final class DiskCheck {
    static final long RECHECK_NANOS = 5_000_000_000L;
    private static final int CHUNK = 1 << 20;

    private final Path[] files;
    private long checkedAt;
    private Optional<String> verdict = Optional.empty();
    private boolean checked;

    DiskCheck(Path... files) {
        this.files = files;
    }

    /** The I/O error reading one of the files back, if there is one. */
    synchronized Optional<String> ioError() {
        long now = System.nanoTime();
        if (!checked || now - checkedAt >= RECHECK_NANOS) {
            checked = true;
            checkedAt = now;
            verdict = readAll();
        }
        return verdict;
    }

    private Optional<String> readAll() {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        for (Path file : files) {
            if (!Files.exists(file)) {
                continue;
            }
            long offset = 0;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                int read;
                do {
                    buffer.clear();
                    read = channel.read(buffer, offset);
                    offset += Math.max(read, 0);
                } while (read > 0);
            } catch (IOException e) {
                return Optional.of("I/O error reading " + file + " near byte " + offset + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }
}
