package org.parley.client.core.support;

import java.io.IOException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A {@link ServerTestBase} with a fresh {@link TcpRelay} to the server per test, for clients whose link gets cut. */
public abstract class RelayedServerTestBase extends ServerTestBase {
    protected TcpRelay relay;

    @BeforeEach
    void openRelay() throws IOException {
        relay = new TcpRelay(server.port());
    }

    @AfterEach
    void closeRelay() {
        relay.close();
    }
}
