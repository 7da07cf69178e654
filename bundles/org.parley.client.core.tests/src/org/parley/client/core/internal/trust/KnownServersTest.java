package org.parley.client.core.internal.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.core.ServerAddress;

class KnownServersTest {
    @TempDir
    Path state;

    @Test
    void remembersForgetsAndReadsHandEditedFiles() throws IOException {
        KnownServers known = new KnownServers(state);
        ServerAddress a = new ServerAddress("chat.example.org", 7443);
        ServerAddress b = ServerAddress.parse("[::1]:9000");
        assertTrue(known.lookup(a).isEmpty());

        known.remember(a, "ab:cd:" + "00:".repeat(29) + "ef");
        known.remember(b, "11".repeat(32));
        assertEquals("AB:CD:" + "00:".repeat(29) + "EF", known.lookup(a).orElseThrow(), "stored in canonical form");
        assertEquals("11:".repeat(31) + "11", new KnownServers(state).lookup(b).orElseThrow(), "persisted");

        known.forget(a);
        assertTrue(known.lookup(a).isEmpty());
        assertTrue(known.lookup(b).isPresent());

        Files.writeString(state.resolve(KnownServers.FILE_NAME), "# comment\n\nchat.example.org:7443   "
                + "22:".repeat(31) + "22\n", java.nio.file.StandardOpenOption.APPEND);
        assertEquals("22:".repeat(31) + "22", known.lookup(a).orElseThrow(), "edits by hand take effect at once");
    }
}
