package org.parley.server.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.parley.server.ExitCode;
import org.parley.server.ServerConfig;
import org.parley.server.StartupException;
import org.parley.server.bus.BusTarget;
import org.parley.server.store.pg.PgTarget;
import org.parley.server.util.FileErrors;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where the data lives when it is not the SQLite file: {@code --store}, its password, this node's name, the bus. */
final class StoreOptions {
    static final String PASSWORD_ENV = "PARLEY_STORE_PASSWORD";

    @Option(names = "--store", paramLabel = "URL", converter = TargetConverter.class,
            description = "PostgreSQL store shared by a cluster's nodes, postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DB"
                    + " (default: the SQLite file in --data-dir).")
    PgTarget store;

    @Option(names = "--store-password-file", paramLabel = "FILE",
            description = "File holding the --store password (first line), unless the URL has one"
                    + " (default: env " + PASSWORD_ENV + ").")
    Path passwordFile;

    @Option(names = "--node-id", paramLabel = "NAME",
            description = "This node's name in a cluster (default: host name and port).")
    String nodeId;

    @Option(names = "--bus", paramLabel = "URL", converter = BusConverter.class,
            description = "Redis that carries events between the nodes sharing --store, redis://HOST[:PORT]"
                    + " (default: none; needs --store).")
    BusTarget bus;

    ServerConfig applyTo(ServerConfig config) throws StartupException {
        return applyTo(config, System.getenv(PASSWORD_ENV));
    }

    /** @param passwordFromEnvironment the value of {@link #PASSWORD_ENV} (null: unset) */
    ServerConfig applyTo(ServerConfig config, String passwordFromEnvironment) throws StartupException {
        if (nodeId != null) {
            config.nodeId(nodeId);
        }
        if (store != null) {
            config.store(store.withPassword(password(passwordFromEnvironment)));
        }
        if (bus != null) {
            config.bus(bus);
        }
        return config;
    }

    /** The file's first line, else the environment's value, else none (trust or .pgpass-less servers need none). */
    char[] password(String fromEnvironment) throws StartupException {
        if (passwordFile != null) {
            try {
                String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
                int end = text.indexOf('\n');
                return (end < 0 ? text : text.substring(0, end)).strip().toCharArray();
            } catch (IOException e) {
                throw new StartupException(ExitCode.USAGE, "cannot read --store-password-file " + passwordFile + ": "
                        + FileErrors.reason(e), e);
            }
        }
        return fromEnvironment == null || fromEnvironment.isEmpty() ? null : fromEnvironment.toCharArray();
    }

    static final class TargetConverter implements CommandLine.ITypeConverter<PgTarget> {
        @Override
        public PgTarget convert(String value) {
            try {
                return PgTarget.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class BusConverter implements CommandLine.ITypeConverter<BusTarget> {
        @Override
        public BusTarget convert(String value) {
            try {
                return BusTarget.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
