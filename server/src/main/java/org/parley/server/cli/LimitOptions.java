package org.parley.server.cli;

import org.parley.server.ServerConfig;
import org.parley.server.auth.HashParams;

import picocli.CommandLine.Option;

/**
 * Abuse limits and hashing cost an operator may change from the command line. Unset options keep the
 * production defaults of {@link ServerConfig}. Benchmarks (releng/bench) lift the flood and login limits so
 * that they measure the server rather than its throttles, and lower the hash cost where they measure
 * something other than logins.
 */
final class LimitOptions {
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
        if (hashCost != null) {
            if (hashCost.length != 3) {
                throw new IllegalArgumentException("--hash-cost takes KIB,ITERATIONS,LANES");
            }
            config.hashParams(new HashParams(hashCost[0], hashCost[1], hashCost[2]));
        }
        return config;
    }
}
