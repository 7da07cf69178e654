package org.parley.client.core;

import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of one client. Immutable; start from {@link #defaults()} and use the {@code with...} methods.
 *
 * @param reconnectBase    first reconnect delay; doubles per failed attempt (with jitter)
 * @param reconnectMax     cap of the reconnect delay
 * @param requestTimeout   how long a request may wait for its reply
 * @param connectTimeout   TCP connect plus TLS handshake plus welcome
 * @param pingInterval     time without sending after which the client pings; a missing pong within requestTimeout
 *                         drops the link
 * @param caTrustStore     CAs whose certificates are accepted without asking; null means the JDK's default trust store
 * @param maxCatchUpPages  after a reconnect, at most this many history pages (200 messages each) per conversation
 * @param reconnect        whether a lost link is retried (RECONNECTING) or ends the session (OFFLINE with a
 *                         {@link ConnectionLostException}); the starting value of {@link ParleyClient#setReconnect}
 */
public record ClientOptions(Duration reconnectBase, Duration reconnectMax, Duration requestTimeout, Duration connectTimeout,
        Duration pingInterval, KeyStore caTrustStore, int maxCatchUpPages, boolean reconnect) {

    public ClientOptions {
        Objects.requireNonNull(reconnectBase, "reconnectBase");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(pingInterval, "pingInterval");
        if (maxCatchUpPages < 1) {
            throw new IllegalArgumentException("maxCatchUpPages must be positive");
        }
    }

    /**
     * Reconnecting on, about 1 s doubling up to 30 s between reconnects, 15 s request timeout, ping after 25 s without
     * sending.
     */
    public static ClientOptions defaults() {
        return new ClientOptions(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofSeconds(25), null, 5, true);
    }

    public ClientOptions withReconnect(boolean enabled) {
        return new ClientOptions(reconnectBase, reconnectMax, requestTimeout, connectTimeout, pingInterval, caTrustStore,
                maxCatchUpPages, enabled);
    }

    public ClientOptions withReconnectBackoff(Duration base, Duration max) {
        return new ClientOptions(base, max, requestTimeout, connectTimeout, pingInterval, caTrustStore, maxCatchUpPages,
                reconnect);
    }

    public ClientOptions withRequestTimeout(Duration timeout) {
        return new ClientOptions(reconnectBase, reconnectMax, timeout, connectTimeout, pingInterval, caTrustStore,
                maxCatchUpPages, reconnect);
    }

    public ClientOptions withConnectTimeout(Duration timeout) {
        return new ClientOptions(reconnectBase, reconnectMax, requestTimeout, timeout, pingInterval, caTrustStore,
                maxCatchUpPages, reconnect);
    }

    public ClientOptions withPingInterval(Duration interval) {
        return new ClientOptions(reconnectBase, reconnectMax, requestTimeout, connectTimeout, interval, caTrustStore,
                maxCatchUpPages, reconnect);
    }

    public ClientOptions withCaTrustStore(KeyStore trustStore) {
        return new ClientOptions(reconnectBase, reconnectMax, requestTimeout, connectTimeout, pingInterval, trustStore,
                maxCatchUpPages, reconnect);
    }
}
