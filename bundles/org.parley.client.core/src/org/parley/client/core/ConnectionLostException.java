package org.parley.client.core;

/**
 * The link to the server dropped while automatic reconnecting was off ({@link ClientOptions#reconnect()},
 * {@link ParleyClient#setReconnect}), so the session ended: the client is {@link ConnectionState#OFFLINE} and the
 * user has to log in again. Queued outbox entries stay persisted and go out after that login.
 */
public class ConnectionLostException extends ParleyException {
    private static final long serialVersionUID = 1L;

    private final ServerAddress server;

    public ConnectionLostException(ServerAddress server, Throwable cause) {
        super(null, "connection to " + server + " lost; automatic reconnect is off", null, cause);
        this.server = server;
    }

    /** The server whose session ended. */
    public ServerAddress server() {
        return server;
    }
}
