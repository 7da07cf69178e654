package org.parley.server.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The free-space watermark: below {@code minFreeBytes} free on the database's file system, writes that grow the
 * database are refused before they reach SQLite, so the server never runs the disk full itself and the space left
 * keeps logins (their tokens) and commits already queued working. The file system is asked at most once per
 * {@link #RECHECK_NANOS}, not once per message.
 */
final class FreeSpace {
    private static final Logger LOG = LoggerFactory.getLogger(FreeSpace.class);
    static final long RECHECK_NANOS = 100_000_000L;

    private final Path directory;
    private final long minFreeBytes;
    private final LongSupplier nanoTime;
    private FileStore store;
    private long checkedAt;
    private long freeBytes = Long.MAX_VALUE;
    private boolean enough = true;

    FreeSpace(Path directory, long minFreeBytes, LongSupplier nanoTime) {
        this.directory = directory;
        this.minFreeBytes = minFreeBytes;
        this.nanoTime = nanoTime;
        this.checkedAt = nanoTime.getAsLong() - RECHECK_NANOS;
    }

    /** True while the file system has at least the minimum free (always, with a minimum of 0). */
    synchronized boolean enough() {
        if (minFreeBytes <= 0) {
            return true;
        }
        long now = nanoTime.getAsLong();
        if (now - checkedAt >= RECHECK_NANOS) {
            checkedAt = now;
            refresh();
        }
        return enough;
    }

    synchronized String describe() {
        return (freeBytes >> 20) + " MiB free in " + directory + ", below the minimum of " + (minFreeBytes >> 20) + " MiB";
    }

    private void refresh() {
        try {
            if (store == null) {
                store = Files.getFileStore(directory);
            }
            freeBytes = store.getUsableSpace();
        } catch (IOException e) {
            // Cannot tell: let SQLite try, and answer truthfully if the write fails.
            LOG.warn("cannot read the free space of {}: {}", directory, e.getMessage());
            freeBytes = Long.MAX_VALUE;
        }
        boolean now = freeBytes >= minFreeBytes;
        if (now != enough) {
            if (now) {
                LOG.info("free space back above the minimum ({} MiB free in {}): accepting new writes again",
                        freeBytes >> 20, directory);
            } else {
                LOG.warn("{}: refusing new messages, registrations and rooms until space is freed", describe());
            }
        }
        enough = now;
    }
}
