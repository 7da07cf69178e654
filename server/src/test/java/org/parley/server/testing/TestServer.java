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
 */
public final class TestServer implements AutoCloseable {
    public static final HashParams CHEAP_HASH = new HashParams(64, 1, 1);
    public static final String PASSWORD = "correct horse";

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
                .registerThrottle(1_000_000, 1_000_000);
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
        TestClient client = TestClient.connect(server.address(), fingerprint());
        synchronized (clients) {
            clients.add(client);
        }
        client.await(ServerMessage.Welcome.class);
        return client;
    }

    /** A connected client from the local address {@code ip} (e.g. 127.0.0.2) that has read the welcome. */
    public TestClient connectFrom(String ip) throws Exception {
        TestClient client = TestClient.connectFrom(java.net.InetAddress.getByName(ip), server.address(), fingerprint());
        synchronized (clients) {
            clients.add(client);
        }
        client.await(ServerMessage.Welcome.class);
        return client;
    }

    /** Registers {@code user} (if new) and returns a client logged in as them. */
    public TestClient login(String user) throws Exception {
        TestClient client = connect();
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
