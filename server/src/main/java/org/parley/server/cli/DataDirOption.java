package org.parley.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.parley.server.ParleyServer;
import org.parley.server.ServerConfig;

import picocli.CommandLine.Option;

/** {@code --data-dir}, shared by the server and the admin commands. */
final class DataDirOption {
    @Option(names = "--data-dir", defaultValue = ServerConfig.DEFAULT_DATA_DIR,
            description = "Directory holding the database and generated certificate (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    Path path() {
        return dataDir;
    }

    /** The database file, which the admin commands never create: a typo'd --data-dir must not look empty. */
    Path existingDatabase() {
        Path database = dataDir.resolve(ParleyServer.DATABASE_FILE);
        if (!Files.exists(database)) {
            throw new IllegalArgumentException("no database at " + database);
        }
        return database;
    }
}
