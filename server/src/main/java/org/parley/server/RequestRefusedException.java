package org.parley.server;

import org.parley.protocol.ErrorCode;

/**
 * A client's request refused for a reason the client should hear about (a bad name, a wrong password, a flood, a full
 * disk); the dispatcher turns it into an {@code error} reply with its code and message, and the connection stays
 * open. Server-wide: thrown by auth, chat, limits and net alike, so it lives beside {@link StartupException} and not
 * in one of them.
 */
public final class RequestRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final Long retryAfterMs;

    public RequestRefusedException(ErrorCode code, String message) {
        this(code, message, null);
    }

    private RequestRefusedException(ErrorCode code, String message, Long retryAfterMs) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfterMs = retryAfterMs;
    }

    public static RequestRefusedException rateLimited(String message, long retryAfterMs) {
        return new RequestRefusedException(ErrorCode.RATE_LIMITED, message, retryAfterMs);
    }

    public ErrorCode code() {
        return code;
    }

    public Long retryAfterMs() {
        return retryAfterMs;
    }
}
