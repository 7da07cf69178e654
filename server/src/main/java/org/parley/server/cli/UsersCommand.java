package org.parley.server.cli;

import java.sql.Connection;
import java.util.concurrent.Callable;

import org.parley.server.ExitCode;
import org.parley.server.store.Database;
import org.parley.server.store.UserStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Account administration straight on the database file, while the server is stopped (a running server holds
 * the file exclusively; these commands then say so in one line).
 */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage accounts.",
        subcommands = {UsersCommand.ListUsers.class, UsersCommand.DeleteUser.class})
final class UsersCommand {

    static Connection open(DataDirOption dataDir) throws Exception {
        return Database.openExisting(dataDir.existingDatabase());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print every username, one per line.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Override
        public Integer call() throws Exception {
            try (Connection connection = open(dataDir)) {
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

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            try (Connection connection = open(dataDir)) {
                connection.setAutoCommit(false);
                boolean deleted = UserStore.delete(connection, name);
                connection.commit();
                System.out.println(deleted ? "deleted " + name : "no user " + name);
                return deleted ? ExitCode.OK.code() : ExitCode.NO_SUCH_USER.code();
            }
        }
    }
}
