package org.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.parley.server.auth.HashParams;

/** The defaults are the documented production values (docs/protocol.md, section 8). */
class ServerConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        ServerConfig c = new ServerConfig();
        assertEquals("0.0.0.0", c.bind());
        assertEquals(7443, c.port());
        assertEquals(Path.of("parley-data"), c.dataDir());
        assertEquals(HashParams.PRODUCTION, c.hashParams());
        assertEquals(30, c.floodBurst());
        assertEquals(10, c.floodPerSecond());
        assertEquals(5, c.loginAccountBurst());
        assertEquals(1, c.loginAccountPerMinute());
        assertEquals(30, c.loginAddressBurst());
        assertEquals(10, c.loginAddressPerMinute());
        assertEquals(100, c.loginAccountCeilingPerHour());
        assertEquals(10, c.registerBurst());
        assertEquals(10, c.registerPerHour());
        assertEquals(100, c.roomsPerUser());
        assertEquals(262_144, c.historyPageBytes());
        assertEquals(30, c.loginDeadlineSeconds());
        assertEquals(30, c.keepAliveIntervalSeconds());
        assertEquals(30, c.keepAliveTimeoutSeconds());
        assertEquals(Duration.ofDays(30), c.tokenLifetime());
    }
}
