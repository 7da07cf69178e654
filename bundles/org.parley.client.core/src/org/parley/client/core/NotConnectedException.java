package org.parley.client.core;

/** A request that needs the server was made while the client is not {@link ConnectionState#ONLINE}. */
public class NotConnectedException extends ParleyException {
    private static final long serialVersionUID = 1L;

    public NotConnectedException(String message) {
        super(null, message, null, null);
    }
}
