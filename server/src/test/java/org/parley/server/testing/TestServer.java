package org.parley.server.testing;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.ParleyServer;
import org.parley.server.ServerConfig;
import org.parley.server.auth.HashParams;

/**
 * A real server on 127.0.0.1, ephemeral port, real TLS and a real SQLite file in the given directory.
 * Only the password hash cost is lowered and the registrations per address lifted (explicitly, through
 * {@link ServerConfig}) so that tests with hundreds of users from 127.0.0.1 stay fast; {@code PasswordHasherTest}
 * checks the production hash default and the abuse tests the registration throttle.
 * And the per-address connection cap is lifted, since every test client comes from 127.0.0.1; the abuse tests
 * ({@code org.parley.server.abuse}) set it back.
 */
public final class TestServer implements AutoCloseable {
    public static final HashParams CHEAP_HASH = new HashParams(64, 1, 1);
    public static final String PASSWORD = "correct horse";
    /** Far above the few hundred connections a test opens. */
    public static final int LIFTED_PER_ADDRESS = 100_000;

    private final ServerConfig config;
    private final ParleyServer server;
    private final List<TestClient> clients = new ArrayList<>();

    private TestServer(ServerConfig config) throws Exception {
        this.config = config;
        this.server = ParleyServer.start(config);
    }

    public static TestServer start(Path dataDir) throws Exception {
        return start(dataDir, c -> { });
    }

    public static TestServer start(Path dataDir, Consumer<ServerConfig> tweak) throws Exception {
        ServerConfig config = new ServerConfig().bind("127.0.0.1").port(0).dataDir(dataDir).hashParams(CHEAP_HASH)
                .registerThrottle(1_000_000, 1_000_000).maxConnectionsPerAddress(LIFTED_PER_ADDRESS);
        tweak.accept(config);
        return new TestServer(config);
    }

    public ParleyServer server() {
        return server;
    }

    public ServerConfig config() {
        return config;
    }

    public String fingerprint() {
        return server.tls().fingerprint();
    }

    /** A connected client that has read the welcome. */
    public TestClient connect() throws Exception {
        return connectFrom(null);
    }

    /** A client connected from the loopback address {@code localHost} (null: the default) that has read the welcome. */
    public TestClient connectFrom(String localHost) throws Exception {
        TestClient client = TestClient.connectFrom(localHost, server.address(), fingerprint());
        synchronized (clients) {
            clients.add(client);
        }
        client.await(ServerMessage.Welcome.class);
        return client;
    }

    /** Registers {@code user} (if new) and returns a client logged in as them. */
    public TestClient login(String user) throws Exception {
        return loginFrom(null, user);
    }

    /** Like {@link #login(String)}, from the loopback address {@code localHost}. */
    public TestClient loginFrom(String localHost, String user) throws Exception {
        TestClient client = connectFrom(localHost);
        register(client, user);
        ServerMessage reply = client.request(new Request.Login(client.nextId(), user, PASSWORD));
        assertInstanceOf(ServerMessage.Ok.class, reply, () -> "login of " + user + ": " + reply);
        return client;
    }

    public static void register(TestClient client, String user) throws IOException {
        ServerMessage reply = client.request(new Request.Register(client.nextId(), user, PASSWORD));
        if (!(reply instanceof ServerMessage.Ok)
                && !(reply instanceof ServerMessage.Error e && e.code() == ErrorCode.USERNAME_TAKEN)) {
            throw new AssertionError("register " + user + ": " + reply);
        }
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(TestClient::close);
        }
        server.close();
    }
}
