package org.parley.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Collections;

import org.junit.jupiter.api.Test;
import org.parley.testing.launch.StartupLine;

/**
 * The lines Main prints at startup are the ones the shared reader (tests, benchmark, scripts' documentation) parses:
 * change one and this fails. The process tests (DurabilityTest) read them from a real server too.
 */
class StartupContractTest {

    @Test
    void theFingerprintAndListeningLinesAreReadTogether() {
        String fingerprint = String.join(":", Collections.nCopies(32, "AB"));
        StartupLine reader = new StartupLine();
        assertNull(reader.accept(Main.FINGERPRINT_LINE + fingerprint));
        assertEquals(new StartupLine.Startup("127.0.0.1", 7443, fingerprint),
                reader.accept(String.format(Main.LISTENING, "127.0.0.1", 7443)));
    }
}
