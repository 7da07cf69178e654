package org.parley.client.core;

/** The server could not be reached (DNS, refused, TLS handshake failure other than trust) or the link dropped. */
public class ServerUnreachableException extends ParleyException {
    private static final long serialVersionUID = 1L;

    public ServerUnreachableException(String message, Throwable cause) {
        super(null, message, null, cause);
    }
}
