package org.parley.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.Callable;

import org.parley.server.ExitCode;
import org.parley.server.ParleyServer;
import org.parley.server.StartupException;
import org.parley.server.store.Database;
import org.parley.server.store.pg.PgDatabase;
import org.parley.server.store.pg.PgTarget;
import org.parley.server.store.pg.SqliteCopy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Grows a single-node deployment into a cluster: its SQLite data into an empty PostgreSQL store. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Copy a stopped server's data (--from its data directory) into an empty PostgreSQL store (--to).")
final class MigrateCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "DATA_DIR", description = "The data directory of the SQLite server (stopped).")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "URL", converter = StoreOptions.TargetConverter.class,
            description = "The empty PostgreSQL store, postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DB.")
    PgTarget to;

    @Option(names = "--store-password-file", paramLabel = "FILE",
            description = "File holding the --to password (first line), unless the URL has one (default: env "
                    + StoreOptions.PASSWORD_ENV + ").")
    Path passwordFile;

    @Override
    public Integer call() throws Exception {
        Path database = from.resolve(ParleyServer.DATABASE_FILE);
        if (!Files.exists(database)) {
            throw new StartupException(ExitCode.NO_DATABASE, "no database at " + database + "; check --from");
        }
        StoreOptions password = new StoreOptions();
        password.passwordFile = passwordFile;
        PgTarget target = to.withPassword(password.password(System.getenv(StoreOptions.PASSWORD_ENV)));
        try (Connection source = Database.openExisting(database); Connection copy = PgDatabase.openForCopy(target)) {
            Map<String, Long> copied = SqliteCopy.copy(source, copy, target.location());
            StringBuilder line = new StringBuilder("copied " + database + " to " + target.location() + ":");
            copied.forEach((table, rows) -> line.append(' ').append(table).append(' ').append(rows));
            System.out.println(line.append(" (counts checked)"));
        } catch (java.sql.SQLException e) {
            throw new StartupException(ExitCode.UNEXPECTED, "copy to " + target.location() + " failed, nothing was written: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        return ExitCode.OK.code();
    }
}
