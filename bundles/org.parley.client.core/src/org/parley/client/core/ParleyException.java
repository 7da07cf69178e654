package org.parley.client.core;

import org.parley.protocol.ErrorCode;

/**
 * A failed request or connection. When the server refused a request, {@link #code()} is the server's
 * {@link ErrorCode} and the message is the server's message; client-side failures are subclasses with a null code
 * ({@link ServerUnreachableException}, {@link CertificateRejectedException}, {@link CertificateChangedException},
 * {@link RequestTimeoutException}, {@link NotConnectedException}, {@link ConnectionLostException}).
 * Unchecked so it can travel through {@link java.util.concurrent.CompletableFuture} stages unwrapped by callers.
 */
public class ParleyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final Long retryAfterMs;

    /** A server-side refusal. */
    public ParleyException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public ParleyException(ErrorCode code, String message, Long retryAfterMs, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryAfterMs = retryAfterMs;
    }

    /** The server's error code, or null for a client-side failure. */
    public ErrorCode code() {
        return code;
    }

    /** For {@link ErrorCode#RATE_LIMITED}: how long the server asked to wait, else null. */
    public Long retryAfterMs() {
        return retryAfterMs;
    }

    /** The ParleyException inside a future's failure ({@code CompletionException}/{@code ExecutionException}), if any. */
    public static ParleyException unwrap(Throwable failure) {
        Throwable t = failure;
        while (t != null) {
            if (t instanceof ParleyException p) {
                return p;
            }
            t = t.getCause();
        }
        return new ParleyException(null, String.valueOf(failure), null, failure);
    }
}
