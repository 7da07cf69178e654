package org.parley.client.core.support;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ServerFixture;

/**
 * One real server per test class (starting one costs a JVM start and key generation), two client state
 * directories per test, and clean-up of every client a test opened. Test classes run one after another.
 */
public abstract class ServerTestBase {
    @TempDir
    static Path serverDir;
    protected static ServerFixture server;

    @TempDir
    protected Path stateA;
    @TempDir
    protected Path stateB;
    protected final TestClients clients = new TestClients();

    @BeforeAll
    static void startServer() {
        server = ServerFixture.start(serverDir.resolve("data"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }
}
