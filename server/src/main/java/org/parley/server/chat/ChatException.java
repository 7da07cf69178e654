package org.parley.server.chat;

import org.parley.protocol.ErrorCode;

/** A request refused for a reason the client should hear about; becomes an {@code error} reply. */
public final class ChatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final Long retryAfterMs;

    public ChatException(ErrorCode code, String message) {
        this(code, message, null);
    }

    private ChatException(ErrorCode code, String message, Long retryAfterMs) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfterMs = retryAfterMs;
    }

    public static ChatException rateLimited(String message, long retryAfterMs) {
        return new ChatException(ErrorCode.RATE_LIMITED, message, retryAfterMs);
    }

    public ErrorCode code() {
        return code;
    }

    public Long retryAfterMs() {
        return retryAfterMs;
    }
}
