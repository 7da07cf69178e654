package org.parley.server.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.parley.server.ExitCode;
import org.parley.server.StartupException;
import org.parley.server.backup.BackupRequests;
import org.parley.server.store.Backup;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Consistent copy of the database. With the server stopped the command copies the file itself; a running
 * server holds it exclusively, so the command asks that server for the copy (see {@link BackupRequests}).
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Write a consistent copy of the database to FILE (created 0600, replaced atomically).",
            "Safe while the server runs: the running server makes the copy and this command waits for it."})
final class BackupCommand implements Callable<Integer> {
    @Mixin
    DataDirOption dataDir;

    @Parameters(paramLabel = "FILE", description = "The copy; a relative path is relative to this command's directory.")
    Path target;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "How long to wait for a running server's copy (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Path database = dataDir.existingDatabase();
        // The server runs elsewhere: it must get the path this command means, not one relative to its own directory.
        Path absolute = target.toAbsolutePath().normalize();
        try {
            Backup.run(database, absolute);
        } catch (StartupException e) {
            if (e.exitCode() != ExitCode.DATABASE_IN_USE || !BackupRequests.accepted(dataDir.path())) {
                throw e;
            }
            return askTheServer(absolute);
        }
        System.out.println("backed up " + database + " to " + absolute);
        return ExitCode.OK.code();
    }

    private int askTheServer(Path absolute) throws Exception {
        BackupRequests.Answer answer = BackupRequests.ask(dataDir.path(), absolute, Duration.ofSeconds(timeoutSeconds));
        switch (answer.outcome()) {
            case DONE -> {
                System.out.println(answer.line());
                return ExitCode.OK.code();
            }
            case FAILED -> {
                System.err.println("parley-server: " + answer.line());
                return ExitCode.BACKUP_FAILED.code();
            }
            default -> {
                System.err.println("parley-server: " + answer.line());
                return ExitCode.BACKUP_TIMED_OUT.code();
            }
        }
    }
}
