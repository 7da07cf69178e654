package org.parley.server.fault;

import static org.parley.server.testing.Replies.ok;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.parley.protocol.Request;
import org.parley.server.testing.MainProcess;
import org.parley.server.testing.TestClient;
import org.parley.testing.launch.ServerLauncher.LaunchedServer;
import org.parley.server.testing.TestServer;

/** Starts the server process the fault tests break, with a cheap password hash (logins are not under test). */
final class FaultServers {
    static final String PASSWORD = TestServer.PASSWORD;

    private FaultServers() {
    }

    static LaunchedServer start(Path data, Path log, String... options) throws Exception {
        // Flood control is not under test either; clients here retry as fast as the server answers.
        List<String> all = new ArrayList<>(List.of("--hash-cost", "64,1,1", "--flood-burst", "100000",
                "--flood-rate", "100000"));
        all.addAll(List.of(options));
        return MainProcess.start(data, log, Map.of(), all.toArray(String[]::new));
    }

    /** Registers {@code user} if new and logs a fresh connection in as them. */
    static TestClient login(LaunchedServer server, String user) throws Exception {
        TestClient c = MainProcess.connect(server);
        TestServer.register(c, user);
        ok(c.request(new Request.Login(c.nextId(), user, PASSWORD)));
        return c;
    }
}
