package org.parley.client.core.internal.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.core.ServerAddress;
import org.parley.client.core.support.ClientJvm;

/**
 * Problem 3 of issue 13: two Parley processes of one user pin servers in the one known-servers file at the same time;
 * every pin of both is kept. Before the fix both wrote through the same temporary file and re-read without a lock,
 * so one process failed or dropped the other's pins.
 */
class TwoProcessKnownServersTest {
    private static final int PER_PROCESS = 150;

    @TempDir
    Path state;

    @Test
    void pinsOfTwoProcessesAreAllKept() throws Exception {
        try (ClientJvm one = ClientJvm.start(PinningProcessMain.class, state.toString(), "one", "" + PER_PROCESS);
                ClientJvm two = ClientJvm.start(PinningProcessMain.class, state.toString(), "two", "" + PER_PROCESS)) {
            assertEquals(0, one.exitCode(), one.output().toString());
            assertEquals(0, two.exitCode(), two.output().toString());
            assertTrue(one.output().contains("PINNED") && two.output().contains("PINNED"));
        }
        KnownServers known = new KnownServers(state);
        int kept = 0;
        for (int i = 0; i < PER_PROCESS; i++) {
            for (String label : new String[] { "one", "two" }) {
                String pin = known.lookup(new ServerAddress(label + "-" + i + ".example", 7443)).orElse(null);
                if (PinningProcessMain.fingerprint(i).equals(pin)) {
                    kept++;
                }
            }
        }
        assertEquals(2 * PER_PROCESS, kept, "pins kept of both processes");
    }
}
