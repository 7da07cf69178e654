package org.parley.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.parley.server.ServerConfig;

class PasswordHasherTest {
    private final PasswordHasher cheap = new PasswordHasher(new HashParams(64, 1, 1));

    @Test
    void productionCostIsTheDefaultAndMeetsOwasp() {
        assertEquals(HashParams.PRODUCTION, new ServerConfig().hashParams());
        // OWASP Password Storage Cheat Sheet: Argon2id with at least 19 MiB, 2 iterations, 1 lane.
        assertTrue(HashParams.PRODUCTION.memoryKiB() >= 19 * 1024);
        assertTrue(HashParams.PRODUCTION.iterations() >= 2);
        String hash = new PasswordHasher(HashParams.PRODUCTION).hash("correct horse");
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
    }

    @Test
    void verifiesOnlyTheRightPassword() {
        String hash = cheap.hash("correct horse");
        assertTrue(cheap.verify("correct horse", hash));
        assertFalse(cheap.verify("correct horsf", hash));
        assertFalse(cheap.verify("", hash));
    }

    @Test
    void saltsAreRandomPerHash() {
        assertNotEquals(cheap.hash("same"), cheap.hash("same"));
    }

    @Test
    void parametersTravelWithTheHash() {
        String weak = cheap.hash("pw");
        PasswordHasher stronger = new PasswordHasher(new HashParams(128, 2, 1));
        assertTrue(stronger.verify("pw", weak), "old hashes stay verifiable after the cost is raised");
        assertTrue(stronger.needsRehash(weak));
        assertFalse(stronger.needsRehash(stronger.hash("pw")));
    }

    @Test
    void malformedStoredHashesNeverMatch() {
        for (String bad : new String[] {null, "", "plain", "$argon2i$v=19$m=64,t=1,p=1$AAAA$AAAA",
                "$argon2id$v=19$m=64,t=1,x=1$AAAA$AAAA", "$argon2id$v=19$m=64,t=1,p=1$!!$AAAA"}) {
            assertFalse(cheap.verify("pw", bad), String.valueOf(bad));
        }
    }
}
