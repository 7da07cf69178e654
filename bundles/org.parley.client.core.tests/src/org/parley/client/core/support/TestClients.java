package org.parley.client.core.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.parley.client.core.ClientOptions;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.ParleyClients;
import org.parley.client.core.ServerAddress;
import org.parley.client.core.ServerIdentity;
import org.parley.client.core.TrustPrompt;

/** Makes clients for tests and closes them afterwards; each gets its own state directory and event recorder. */
public final class TestClients implements AutoCloseable {
    public static final String PASSWORD = "correct-horse-battery";
    private static final AtomicInteger NEXT = new AtomicInteger();

    /** A client under test together with what it reported. */
    public record Client(ParleyClient api, Recorder events, Path stateDir) {
    }

    private final List<Client> open = new ArrayList<>();
    /** Every identity any accepting prompt was shown. */
    public final List<ServerIdentity> prompted = new CopyOnWriteArrayList<>();

    /**
     * Fast reconnects, so outages end within a test's patience. Timeouts stay generous: the build machine is shared
     * and a password hash under load can take seconds.
     */
    public static ClientOptions fastOptions() {
        return ClientOptions.defaults()
                .withReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(800))
                .withRequestTimeout(Duration.ofSeconds(10))
                .withConnectTimeout(Duration.ofSeconds(10));
    }

    /** A user name no other test uses. */
    public static String uniqueUser(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() % 1000 + "_" + NEXT.incrementAndGet();
    }

    public TrustPrompt acceptingPrompt() {
        return identity -> {
            prompted.add(identity);
            return true;
        };
    }

    public Client open(Path stateDir, ClientOptions options) {
        ParleyClient api = ParleyClients.create(stateDir, options);
        Recorder events = new Recorder();
        api.addListener(events, events.executor());
        api.setTrustPrompt(acceptingPrompt());
        Client client = new Client(api, events, stateDir);
        open.add(client);
        return client;
    }

    /** Registers {@code user} and logs in; the client is ONLINE afterwards. */
    public Client online(ServerAddress server, Path stateDir, String user) {
        return online(server, stateDir, user, fastOptions());
    }

    public Client online(ServerAddress server, Path stateDir, String user, ClientOptions options) {
        Client client = open(stateDir, options);
        Await.result(client.api().register(server, user, PASSWORD.toCharArray()));
        Await.result(client.api().login(server, user, PASSWORD.toCharArray()));
        return client;
    }

    @Override
    public void close() {
        for (Client client : open) {
            client.api().close();
            client.events().close();
        }
        open.clear();
    }
}
