package org.parley.server.cli;

import org.parley.server.ServerConfig;
import org.parley.server.auth.HashParams;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Abuse limits and hashing cost an operator may change from the command line. Unset options keep the
 * production defaults of {@link ServerConfig}. Benchmarks (releng/bench) lift the flood and login limits so
 * that they measure the server rather than its throttles, and lower the hash cost where they measure
 * something other than logins.
 */
final class LimitOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--flood-burst", paramLabel = "N",
            description = "Requests one connection may send in a burst (default: 30).")
    Double floodBurst;

    @Option(names = "--flood-rate", paramLabel = "PER_SECOND",
            description = "Requests per second one connection may sustain (default: 10).")
    Double floodRate;

    @Option(names = "--login-burst", paramLabel = "N",
            description = "Failed or concurrent login attempts one client address absorbs (default: 30).")
    Integer loginBurst;

    @Option(names = "--login-rate", paramLabel = "PER_MINUTE",
            description = "Login attempts per minute an address recovers (default: 10).")
    Double loginRate;

    @Option(names = "--login-account-burst", paramLabel = "N",
            description = "Failed logins one account absorbs from one client address (default: 5).")
    Integer loginAccountBurst;

    @Option(names = "--login-account-rate", paramLabel = "PER_MINUTE",
            description = "Failed logins per minute an account recovers per client address (default: 1).")
    Double loginAccountRate;

    @Option(names = "--login-account-ceiling", paramLabel = "PER_HOUR",
            description = "Failed logins per hour one account absorbs from all addresses together; addresses it "
                    + "logged in from before are exempt (default: 100).")
    Integer loginAccountCeiling;

    @Option(names = "--register-burst", paramLabel = "N",
            description = "Registrations one client address may make in a burst (default: 10).")
    Integer registerBurst;

    @Option(names = "--register-rate", paramLabel = "PER_HOUR",
            description = "Registrations per hour an address recovers (default: 10).")
    Double registerRate;

    @Option(names = "--rooms-per-user", paramLabel = "N",
            description = "Rooms one user may create (default: 100).")
    Integer roomsPerUser;

    @Option(names = "--history-page-bytes", paramLabel = "N",
            description = "Largest history reply in bytes, 32768-262144 (default: 262144).")
    Integer historyPageBytes;
    @Option(names = "--max-connections-per-address", paramLabel = "N",
            description = "Open connections one client address may hold, logged in or not (default: 64).")
    Integer maxConnectionsPerAddress;

    @Option(names = "--max-unauthenticated", paramLabel = "N",
            description = "Connections not yet logged in, from all addresses together (default: 1000; at most half of --max-connections).")
    Integer maxUnauthenticated;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Open connections in all (default: the descriptor limit less those open at start and a reserve of 128).")
    Integer maxConnections;

    @Option(names = "--handshake-deadline", paramLabel = "SECONDS",
            description = "Seconds from accept within which the TLS handshake must be done (default: 10).")
    Integer handshakeDeadline;

    @Option(names = "--login-deadline", paramLabel = "SECONDS",
            description = "Seconds from accept (or logout) within which a connection must log in (default: 30).")
    Integer loginDeadline;

    @Option(names = "--hash-cost", paramLabel = "KIB,ITERATIONS,LANES", split = ",",
            description = "Argon2id cost of new password hashes (default: 19456,2,1). Lower it only for tests and benchmarks.")
    int[] hashCost;

    ServerConfig applyTo(ServerConfig config) {
        if (floodBurst != null || floodRate != null) {
            config.flood(floodBurst != null ? floodBurst : config.floodBurst(), floodRate != null ? floodRate : config.floodPerSecond());
        }
        if (loginBurst != null || loginRate != null) {
            config.loginThrottle(config.loginAccountBurst(), config.loginAccountPerMinute(),
                    loginBurst != null ? loginBurst : config.loginAddressBurst(),
                    loginRate != null ? loginRate : config.loginAddressPerMinute());
        }
        if (loginAccountBurst != null || loginAccountRate != null) {
            config.loginThrottle(loginAccountBurst != null ? loginAccountBurst : config.loginAccountBurst(),
                    loginAccountRate != null ? loginAccountRate : config.loginAccountPerMinute(),
                    config.loginAddressBurst(), config.loginAddressPerMinute());
        }
        if (loginAccountCeiling != null) {
            config.loginAccountCeiling(loginAccountCeiling);
        }
        if (registerBurst != null || registerRate != null) {
            config.registerThrottle(registerBurst != null ? registerBurst : config.registerBurst(),
                    registerRate != null ? registerRate : config.registerPerHour());
        }
        if (roomsPerUser != null) {
            config.roomsPerUser(roomsPerUser);
        }
        if (historyPageBytes != null) {
            config.historyPageBytes(historyPageBytes);
        }
        applyConnectionLimits(config);
        if (hashCost != null) {
            if (hashCost.length != 3) {
                throw new IllegalArgumentException("--hash-cost takes KIB,ITERATIONS,LANES");
            }
            config.hashParams(new HashParams(hashCost[0], hashCost[1], hashCost[2]));
        }
        return config;
    }

    private void applyConnectionLimits(ServerConfig config) {
        if (maxConnectionsPerAddress != null) {
            config.maxConnectionsPerAddress(positive("--max-connections-per-address", maxConnectionsPerAddress));
        }
        if (maxUnauthenticated != null) {
            config.maxUnauthenticated(positive("--max-unauthenticated", maxUnauthenticated));
        }
        if (maxConnections != null) {
            config.maxConnections(positive("--max-connections", maxConnections));
        }
        if (handshakeDeadline != null) {
            config.handshakeDeadlineSeconds(positive("--handshake-deadline", handshakeDeadline));
        }
        if (loginDeadline != null) {
            config.timeouts(positive("--login-deadline", loginDeadline), config.keepAliveIntervalSeconds(),
                    config.keepAliveTimeoutSeconds());
        }
    }

    /** A bad value is the operator's mistake: picocli prints the message and usage, exit code 2, no stack trace. */
    private int positive(String option, int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, got " + value);
        }
        return value;
    }
}
