package org.parley.server.cli;

import java.nio.file.Path;

import org.parley.server.StartupException;
import org.parley.server.store.pg.PgTarget;

import picocli.CommandLine.Option;

/**
 * {@code --store} for the admin commands: the PostgreSQL store of a cluster instead of the SQLite file in
 * {@code --data-dir}. The password comes as for a node ({@link StoreOptions#password}).
 */
final class AdminStoreOption {
    @Option(names = "--store", paramLabel = "URL", converter = StoreOptions.TargetConverter.class,
            description = "A cluster's PostgreSQL store, postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DB"
                    + " (default: the SQLite file in --data-dir).")
    PgTarget store;

    @Option(names = "--store-password-file", paramLabel = "FILE",
            description = "File holding the --store password (first line), unless the URL has one (default: env "
                    + StoreOptions.PASSWORD_ENV + ").")
    Path passwordFile;

    /** The store with its password, or null when the command works on the SQLite file. */
    PgTarget target() throws StartupException {
        if (store == null) {
            return null;
        }
        StoreOptions password = new StoreOptions();
        password.passwordFile = passwordFile;
        return store.withPassword(password.password(System.getenv(StoreOptions.PASSWORD_ENV)));
    }
}
