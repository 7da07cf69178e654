package org.parley.server.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.parley.server.store.Backup;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Consistent copy of the database, safe while the server is running (SQLite online backup). */
@Command(name = "backup", mixinStandardHelpOptions = true, description = "Write a consistent copy of the database to FILE.")
final class BackupCommand implements Callable<Integer> {
    @Mixin
    DataDirOption dataDir;

    @Parameters(paramLabel = "FILE")
    Path target;

    @Override
    public Integer call() throws Exception {
        Path database = dataDir.existingDatabase();
        Backup.run(database, target);
        System.out.println("backed up " + database + " to " + target);
        return 0;
    }
}
