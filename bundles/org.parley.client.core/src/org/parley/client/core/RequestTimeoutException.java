package org.parley.client.core;

/** The server did not answer a request within {@link ClientOptions#requestTimeout()}. */
public class RequestTimeoutException extends ParleyException {
    private static final long serialVersionUID = 1L;

    public RequestTimeoutException(String message) {
        super(null, message, null, null);
    }
}
