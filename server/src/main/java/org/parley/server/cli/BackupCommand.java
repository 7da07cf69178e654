package org.parley.server.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.parley.server.ExitCode;
import org.parley.server.store.Backup;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Consistent copy of the database, taken while the server is stopped (it holds the file exclusively). */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Write a consistent copy of the database to FILE (stop the server first).")
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
        return ExitCode.OK.code();
    }
}
