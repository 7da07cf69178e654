package org.parley.protocol;

/** Machine-readable error codes carried in {@code error} frames; see docs/protocol.md. */
public enum ErrorCode {
    /** Malformed JSON, a missing field or a field of the wrong JSON type. */
    BAD_REQUEST,
    /** The {@code type} is not one this server understands. */
    UNKNOWN_TYPE,
    /** A frame or a message text exceeded its limit. */
    TOO_LARGE,
    /** The request needs a logged-in connection. */
    NOT_AUTHENTICATED,
    /** Wrong username or password, or an invalid/expired resume token (never says which). */
    AUTH_FAILED,
    USERNAME_TAKEN,
    INVALID_USERNAME,
    WEAK_PASSWORD,
    /** Too many requests; the error carries {@code retryAfterMs}. */
    RATE_LIMITED,
    NO_SUCH_USER,
    NO_SUCH_ROOM,
    NOT_A_MEMBER,
    /** A {@code read} named a message id that is not in that conversation. */
    NO_SUCH_MESSAGE,
    /** A per-user quota (e.g. rooms created) is used up; retrying will not help. */
    QUOTA_EXCEEDED,
    /** The server failed; the request may be retried. */
    INTERNAL,
    /** Storage refused the write (disk full, or nearly: see the free-space watermark); nothing was done, retry later. */
    UNAVAILABLE,
    /** Storage failed while committing: the request may or may not have taken effect; retry (a send with the same key). */
    OUTCOME_UNKNOWN
}
