package org.parley.server.cli;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;

import org.parley.server.ExitCode;
import org.parley.server.StartupException;
import org.parley.server.store.Database;
import org.parley.server.store.UserStore;
import org.parley.server.store.pg.PgDatabase;
import org.parley.server.store.pg.PgTarget;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Account administration straight on the database: the SQLite file while the server is stopped (a running server
 * holds the file exclusively; these commands then say so in one line), or a cluster's PostgreSQL store
 * ({@code --store}), where {@code delete} is refused while any node is connected (nodes keep accounts in memory).
 */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage accounts.",
        subcommands = {UsersCommand.ListUsers.class, UsersCommand.DeleteUser.class})
final class UsersCommand {

    static Connection open(DataDirOption dataDir, AdminStoreOption store) throws Exception {
        PgTarget target = store.target();
        return target == null ? Database.openExisting(dataDir.existingDatabase()) : PgDatabase.openForAdmin(target);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print every username, one per line.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Mixin
        AdminStoreOption store;

        @Override
        public Integer call() throws Exception {
            try (Connection connection = open(dataDir, store)) {
                UserStore.names(connection).forEach(System.out::println);
            }
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete an account, its memberships, tokens and private conversations.")
    static final class DeleteUser implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Mixin
        AdminStoreOption store;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            try (Connection connection = open(dataDir, store)) {
                if (store.store != null) {
                    List<String> nodes = PgDatabase.connectedNodes(connection);
                    if (!nodes.isEmpty()) {
                        throw new StartupException(ExitCode.DATABASE_IN_USE, "nodes " + String.join(", ", nodes)
                                + " are connected to " + store.store + "; stop them first (they keep accounts in"
                                + " memory)");
                    }
                }
                connection.setAutoCommit(false);
                boolean deleted = UserStore.delete(connection, name);
                connection.commit();
                System.out.println(deleted ? "deleted " + name : "no user " + name);
                return deleted ? ExitCode.OK.code() : ExitCode.NO_SUCH_USER.code();
            }
        }
    }
}
