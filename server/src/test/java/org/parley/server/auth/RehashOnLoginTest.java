package org.parley.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.server.ParleyServer;
import org.parley.server.store.Database;
import org.parley.server.store.UserStore;
import org.parley.server.testing.TestServer;

/** Raising the hash cost upgrades each stored hash at that user's next successful login. */
class RehashOnLoginTest {
    @TempDir
    Path dir;

    private String storedHash(String user) throws Exception {
        try (Connection c = Database.connect(dir.resolve(ParleyServer.DATABASE_FILE))) {
            return UserStore.find(c, user).orElseThrow().passwordHash();
        }
    }

    @Test
    void aLoginUpgradesAnOldHash() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            server.login("alice").close();
        }
        assertTrue(storedHash("alice").startsWith("$argon2id$v=19$m=64,t=1,p=1$"), storedHash("alice"));
        HashParams stronger = new HashParams(256, 2, 1);
        try (TestServer server = TestServer.start(dir, c -> c.hashParams(stronger))) {
            server.login("alice").close();
        }
        String upgraded = storedHash("alice");
        assertTrue(upgraded.startsWith("$argon2id$v=19$m=256,t=2,p=1$"), upgraded);
        try (TestServer server = TestServer.start(dir, c -> c.hashParams(stronger))) {
            server.login("alice").close();
        }
        assertEquals(upgraded, storedHash("alice"), "an up-to-date hash is left alone");
    }
}
