package org.parley.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.parley.server.ServerConfig;
import org.parley.server.auth.HashParams;

import picocli.CommandLine;

/** The command-line limits benchmarks use: unset options keep the production defaults. */
class LimitOptionsTest {

    private static ServerConfig parse(String... args) {
        Main main = new Main();
        new CommandLine(main).parseArgs(args);
        return main.limits.applyTo(new ServerConfig());
    }

    @Test
    void withoutOptionsTheDefaultsStay() {
        ServerConfig defaults = new ServerConfig();
        ServerConfig parsed = parse();
        assertEquals(defaults.floodBurst(), parsed.floodBurst());
        assertEquals(defaults.floodPerSecond(), parsed.floodPerSecond());
        assertEquals(defaults.loginAddressBurst(), parsed.loginAddressBurst());
        assertEquals(defaults.loginAddressPerMinute(), parsed.loginAddressPerMinute());
        assertEquals(HashParams.PRODUCTION, parsed.hashParams());
        assertEquals(defaults.loginAccountBurst(), parsed.loginAccountBurst());
        assertEquals(defaults.loginAccountCeilingPerHour(), parsed.loginAccountCeilingPerHour());
        assertEquals(defaults.registerBurst(), parsed.registerBurst());
        assertEquals(defaults.registerPerHour(), parsed.registerPerHour());
        assertEquals(defaults.roomsPerUser(), parsed.roomsPerUser());
        assertEquals(defaults.historyPageBytes(), parsed.historyPageBytes());
    }

    @Test
    void accountRegistrationRoomAndHistoryLimitsCanBeSet() {
        ServerConfig parsed = parse("--login-account-burst", "7", "--login-account-rate", "2", "--login-account-ceiling", "50",
                "--register-burst", "3", "--register-rate", "4", "--rooms-per-user", "20", "--history-page-bytes", "65536");
        assertEquals(7, parsed.loginAccountBurst());
        assertEquals(2, parsed.loginAccountPerMinute());
        assertEquals(50, parsed.loginAccountCeilingPerHour());
        assertEquals(new ServerConfig().loginAddressBurst(), parsed.loginAddressBurst(), "per-address throttling is untouched");
        assertEquals(3, parsed.registerBurst());
        assertEquals(4, parsed.registerPerHour());
        assertEquals(20, parsed.roomsPerUser());
        assertEquals(65536, parsed.historyPageBytes());
    }

    @Test
    void aHistoryPageTooSmallForTheLargestMessageIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> parse("--history-page-bytes", "1000"));
        assertThrows(IllegalArgumentException.class, () -> parse("--history-page-bytes", "300000"));
    }

    @Test
    void floodLoginAndHashLimitsCanBeLifted() {
        ServerConfig parsed = parse("--flood-burst", "100000", "--flood-rate", "50000", "--login-burst", "25000",
                "--login-rate", "1e6", "--hash-cost", "64,1,1");
        assertEquals(100_000, parsed.floodBurst());
        assertEquals(50_000, parsed.floodPerSecond());
        assertEquals(25_000, parsed.loginAddressBurst());
        assertEquals(1e6, parsed.loginAddressPerMinute());
        assertEquals(new HashParams(64, 1, 1), parsed.hashParams());
        ServerConfig defaults = new ServerConfig();
        assertEquals(defaults.loginAccountBurst(), parsed.loginAccountBurst(), "per-account throttling is untouched");
    }

    @Test
    void oneOfAPairKeepsTheOthersDefault() {
        ServerConfig parsed = parse("--flood-rate", "1000");
        assertEquals(new ServerConfig().floodBurst(), parsed.floodBurst());
        assertEquals(1000, parsed.floodPerSecond());
    }

    @Test
    void connectionLimitsAndDeadlinesDefaultToServerConfig() {
        ServerConfig defaults = new ServerConfig();
        ServerConfig parsed = parse();
        assertEquals(64, defaults.maxConnectionsPerAddress());
        assertEquals(1000, defaults.maxUnauthenticated());
        assertEquals(0, defaults.maxConnections(), "0: derived from the descriptor limit");
        assertEquals(128, defaults.descriptorReserve());
        assertEquals(10, defaults.handshakeDeadlineSeconds());
        assertEquals(30, defaults.loginDeadlineSeconds());
        assertEquals(defaults.maxConnectionsPerAddress(), parsed.maxConnectionsPerAddress());
        assertEquals(defaults.maxUnauthenticated(), parsed.maxUnauthenticated());
        assertEquals(defaults.maxConnections(), parsed.maxConnections());
        assertEquals(defaults.handshakeDeadlineSeconds(), parsed.handshakeDeadlineSeconds());
        assertEquals(defaults.loginDeadlineSeconds(), parsed.loginDeadlineSeconds());
    }

    @Test
    void connectionLimitsAndDeadlinesCanBeSet() {
        ServerConfig parsed = parse("--max-connections-per-address", "20000", "--max-unauthenticated", "25000",
                "--max-connections", "30000", "--handshake-deadline", "60", "--login-deadline", "120");
        assertEquals(20_000, parsed.maxConnectionsPerAddress());
        assertEquals(25_000, parsed.maxUnauthenticated());
        assertEquals(30_000, parsed.maxConnections());
        assertEquals(60, parsed.handshakeDeadlineSeconds());
        assertEquals(120, parsed.loginDeadlineSeconds());
        assertEquals(new ServerConfig().keepAliveIntervalSeconds(), parsed.keepAliveIntervalSeconds(), "the heartbeat is untouched");
    }

    @Test
    void aConnectionLimitBelowOneIsRefusedWithItsName() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--max-connections-per-address", "0"));
        assertEquals("--max-connections-per-address must be at least 1, got 0", e.getMessage());
        assertThrows(CommandLine.ParameterException.class, () -> parse("--login-deadline", "-5"));
    }

    @Test
    void aMalformedHashCostIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> parse("--hash-cost", "64,1"));
    }
}
