package org.parley.server.fault;

import java.io.IOException;
import java.nio.file.Path;

import org.parley.server.ParleyServer;
import org.parley.testing.launch.ServerLauncher.LaunchedServer;

/**
 * A server data directory on a file system of the test's own ({@link ScratchFs}), with the database files the
 * faults are aimed at. Closing it unmounts the file system.
 */
record ScratchData(ScratchFs fs, Path data, Path database, Path wal) implements AutoCloseable {

    static ScratchData ext4(Path dir, long bytes) throws IOException {
        return on(ScratchFs.ext4(dir, bytes));
    }

    static ScratchData tmpfs(Path dir, long bytes) throws IOException {
        return on(ScratchFs.tmpfs(dir, bytes));
    }

    private static ScratchData on(ScratchFs fs) {
        Path data = fs.root().resolve("data");
        return new ScratchData(fs, data, data.resolve(ParleyServer.DATABASE_FILE),
                data.resolve(ParleyServer.DATABASE_FILE + "-wal"));
    }

    /** The server on this data with {@code options}, logging to {@code log}. */
    LaunchedServer start(Path log, String... options) throws Exception {
        return FaultServers.start(data, log, options);
    }

    /** The server with the free-space watermark off, so that SQLite itself meets the broken disk. */
    LaunchedServer startUnguarded(Path log) throws Exception {
        return start(log, "--min-free-space", "0");
    }

    @Override
    public void close() throws IOException {
        fs.close();
    }
}
