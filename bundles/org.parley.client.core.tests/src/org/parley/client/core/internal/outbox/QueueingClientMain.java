package org.parley.client.core.internal.outbox;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.parley.client.core.ClientOptions;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.ParleyClients;
import org.parley.client.core.ParleyListener;
import org.parley.client.core.ServerAddress;

/**
 * A client process for {@link TwoProcessOutboxTest}: logs in with the given state folder and prints {@code ONLINE};
 * once its server is gone prints {@code RECONNECTING}; on the line {@code GO} queues {@code count} messages and prints
 * {@code QUEUED}; then quits without waiting for them to be sent (halt: nothing flushed at exit, like a crash).
 * Arguments: stateDir host port user password conversation label count.
 */
public final class QueueingClientMain {
    public static void main(String[] args) throws Exception {
        Path stateDir = Path.of(args[0]);
        ServerAddress server = new ServerAddress(args[1], Integer.parseInt(args[2]));
        String conversation = args[5];
        String label = args[6];
        int count = Integer.parseInt(args[7]);
        ParleyClient client = ParleyClients.create(stateDir, ClientOptions.defaults()
                .withReconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(5)));
        client.setTrustPrompt(identity -> false); // the test pinned the server beforehand
        client.addListener(new ParleyListener() {
            @Override
            public void stateChanged(ConnectionState state) {
                if (state == ConnectionState.RECONNECTING) {
                    System.out.println("RECONNECTING");
                }
            }
        }, Runnable::run);
        client.login(server, args[3], args[4].toCharArray()).get();
        System.out.println("ONLINE");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !"GO".equals(line)) {
            // wait for the test's signal
        }
        if (line == null) {
            Runtime.getRuntime().halt(1); // the test went away
        }
        for (int i = 0; i < count; i++) {
            client.send(conversation, label + " " + i);
        }
        System.out.println("QUEUED");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
