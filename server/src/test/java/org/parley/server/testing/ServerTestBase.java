package org.parley.server.testing;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.parley.server.ServerConfig;

/** A fresh real server (own data directory, own port) for every test method. */
public abstract class ServerTestBase {
    @TempDir
    protected Path dir;
    protected TestServer server;

    /** Override to adjust the test server's configuration. */
    protected void configure(ServerConfig config) {
    }

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start(dir, this::configure);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}
