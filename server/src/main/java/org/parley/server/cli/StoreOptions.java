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
    static final String BUS_PASSWORD_ENV = "PARLEY_BUS_PASSWORD";

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
            description = "Redis that carries events between the nodes sharing --store,"
                    + " redis://[[USER]:PASSWORD@]HOST[:PORT], rediss://... for TLS (default: none; needs --store).")
    BusTarget bus;

    @Option(names = "--bus-password-file", paramLabel = "FILE",
            description = "File holding the --bus password (first line), unless the URL has one"
                    + " (default: env " + BUS_PASSWORD_ENV + ").")
    Path busPasswordFile;

    @Option(names = "--bus-ca", paramLabel = "FILE",
            description = "PEM certificates to trust for a rediss:// --bus (default: the JVM's trusted CAs).")
    Path busCa;

    ServerConfig applyTo(ServerConfig config) throws StartupException {
        return applyTo(config, System.getenv(PASSWORD_ENV), System.getenv(BUS_PASSWORD_ENV));
    }

    /**
     * @param passwordFromEnvironment    the value of {@link #PASSWORD_ENV} (null: unset)
     * @param busPasswordFromEnvironment the value of {@link #BUS_PASSWORD_ENV} (null: unset)
     */
    ServerConfig applyTo(ServerConfig config, String passwordFromEnvironment, String busPasswordFromEnvironment)
            throws StartupException {
        if (nodeId != null) {
            config.nodeId(nodeId);
        }
        if (store != null) {
            config.store(store.withPassword(password(passwordFromEnvironment)));
        }
        if (bus != null) {
            BusTarget target = bus.withPassword(secret("--bus-password-file", busPasswordFile,
                    busPasswordFromEnvironment));
            config.bus(busCa == null ? target : target.withTrustedCas(busCa));
        } else if (busPasswordFile != null || busCa != null) {
            throw new StartupException(ExitCode.USAGE, (busCa != null ? "--bus-ca" : "--bus-password-file")
                    + " needs --bus");
        }
        return config;
    }

    /** The store's password: see {@link #secret}. */
    char[] password(String fromEnvironment) throws StartupException {
        return secret("--store-password-file", passwordFile, fromEnvironment);
    }

    /** The file's first line, else the environment's value, else none (trust or .pgpass-less servers need none). */
    private static char[] secret(String option, Path file, String fromEnvironment) throws StartupException {
        if (file != null) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int end = text.indexOf('\n');
                return (end < 0 ? text : text.substring(0, end)).strip().toCharArray();
            } catch (IOException e) {
                throw new StartupException(ExitCode.USAGE, "cannot read " + option + " " + file + ": "
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
