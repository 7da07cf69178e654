package org.parley.client.ui.tests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.parley.client.core.ClientOptions;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.ParleyClients;
import org.parley.client.core.ParleyListener;
import org.parley.client.core.ServerAddress;
import org.parley.protocol.ChatMessage;

/**
 * A second person: a headless client made with {@link ParleyClients}, as another Parley user would run it. It
 * records what it receives so tests can check what the UI sent.
 */
final class HeadlessUser implements AutoCloseable {

    record Received(String conversation, ChatMessage message) {
    }

    final String name;
    final ParleyClient client;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final Set<String> online = ConcurrentHashMap.newKeySet();

    private HeadlessUser(String name, Path stateDir) {
        this.name = name;
        client = ParleyClients.create(stateDir, ClientOptions.defaults().withReconnectBackoff(Duration.ofMillis(200),
                Duration.ofSeconds(2)));
        client.setTrustPrompt(identity -> true); // the test started this server itself
        client.addListener(new ParleyListener() {
            @Override
            public void messageReceived(String conversation, ChatMessage message) {
                received.add(new Received(conversation, message));
            }

            @Override
            public void presenceChanged(String user, boolean isOnline) {
                if (isOnline) {
                    online.add(user);
                } else {
                    online.remove(user);
                }
            }
        }, Runnable::run);
    }

    /** Registers a new account and logs in with it. */
    static HeadlessUser register(ServerAddress server, String name, String password, Path stateDir) throws Exception {
        HeadlessUser user = new HeadlessUser(name, stateDir);
        user.client.register(server, name, password.toCharArray()).get(30, TimeUnit.SECONDS);
        user.client.login(server, name, password.toCharArray()).get(30, TimeUnit.SECONDS);
        return user;
    }

    /** Logs in with an existing account: e.g. a second session of the account the UI is logged in with. */
    static HeadlessUser login(ServerAddress server, String name, String password, Path stateDir) throws Exception {
        HeadlessUser user = new HeadlessUser(name, stateDir);
        user.client.login(server, name, password.toCharArray()).get(30, TimeUnit.SECONDS);
        return user;
    }

    boolean hasReceived(String conversation, String text) {
        return received.stream().anyMatch(r -> r.conversation().equals(conversation) && r.message().text().equals(text));
    }

    @Override
    public void close() {
        client.close();
    }
}
