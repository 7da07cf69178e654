package org.parley.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.parley.server.ExitCode;
import org.parley.server.ParleyServer;
import org.parley.server.StartupException;
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
    Path existingDatabase() throws StartupException {
        Path database = dataDir.resolve(ParleyServer.DATABASE_FILE);
        if (!Files.exists(database)) {
            throw new StartupException(ExitCode.NO_DATABASE, "no database at " + database + "; check --data-dir");
        }
        return database;
    }
}
