package org.parley.client.ui.prefs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The generated master password where no keyring runs: owner-only, made once, never replaced or cut short. */
class GeneratedKeyTest {

    @Test
    void isMadeOwnerOnlyAndReadBackUnchanged() throws Exception {
        Path file = Files.createTempDirectory("parley-key").resolve("home/secure_storage.key");
        char[] first = GeneratedKey.readOrCreate(file);

        assertEquals(44, first.length, "32 random bytes, Base64");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertArrayEquals(first, GeneratedKey.readOrCreate(file), "a second start reads the same key");
        try (var left = Files.list(file.getParent())) {
            assertEquals(List.of(file), left.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void processesCreatingItAtOnceAllGetTheOneKeyThatStays() throws Exception {
        Path file = Files.createTempDirectory("parley-key").resolve("secure_storage.key");
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<char[]>> keys = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                keys.add(pool.submit(() -> {
                    start.await();
                    return GeneratedKey.readOrCreate(file);
                }));
            }
            start.countDown();
            char[] kept = GeneratedKey.readOrCreate(file);
            for (Future<char[]> key : keys) {
                assertArrayEquals(kept, key.get(30, TimeUnit.SECONDS), "a racer got a key that was replaced");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWriteCutShortByACrashLeavesNoKeyBehind() throws Exception {
        Path folder = Files.createTempDirectory("parley-key");
        Path file = folder.resolve("secure_storage.key");
        // What a crash between creating and linking leaves: a partial temporary file, never the key's name.
        Files.writeString(folder.resolve("secure_storage.key.4711.tmp"), "half a ke");

        char[] key = GeneratedKey.readOrCreate(file);
        assertEquals(44, key.length);
    }

    @Test
    void aKeyOthersCouldReadIsMadeOwnerOnlyAndAForeignFileIsRefusedClearly() throws Exception {
        Path folder = Files.createTempDirectory("parley-key");
        Path file = folder.resolve("secure_storage.key");
        char[] key = GeneratedKey.readOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertArrayEquals(key, GeneratedKey.readOrCreate(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        Files.writeString(file, "not a key\n");
        IOException refused = assertThrows(IOException.class, () -> GeneratedKey.readOrCreate(file));
        assertTrue(refused.getMessage().contains("holds 9 characters, not a key of 44"), refused.getMessage());
    }
}
