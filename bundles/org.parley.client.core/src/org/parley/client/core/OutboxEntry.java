package org.parley.client.core;

import java.time.Instant;
import java.util.Optional;

import org.parley.protocol.ChatMessage;
import org.parley.protocol.ErrorCode;

/**
 * One message the user sent, as the outbox tracks it. Immutable: a status change produces a new entry with the same
 * key and is announced through {@link ParleyListener#outboxChanged}.
 *
 * @param key          idempotency key (a UUID) sent with every attempt, so a retry never posts twice
 * @param conversation {@code #room} or {@code @user}
 * @param text         the message body
 * @param created      when the user sent it
 * @param status       where it is
 * @param failure      why it failed (FAILED), or why it is waiting (PENDING after the server said "slow down"), else
 *                     null; {@code CODE: the server's message}, {@code CODE} an {@link ErrorCode} name
 * @param message      the server's stored copy (SENT only), else null
 * @param retryAfterMs while waiting after RATE_LIMITED: how long the server asked to wait, else null (not persisted)
 */
public record OutboxEntry(String key, String conversation, String text, Instant created, Status status, String failure,
        ChatMessage message, Long retryAfterMs) {

    public OutboxEntry(String key, String conversation, String text, Instant created, Status status, String failure,
            ChatMessage message) {
        this(key, conversation, text, created, status, failure, message, null);
    }

    public enum Status {
        /** Waiting to be sent or waiting for the server's acknowledgement. */
        PENDING,
        /** Stored by the server; {@link OutboxEntry#message()} is set. */
        SENT,
        /** Refused by the server for a reason a retry cannot fix; {@link OutboxEntry#failure()} says why. */
        FAILED,
        /** Removed from the outbox by {@link ParleyClient#discard}. */
        DISCARDED
    }

    public OutboxEntry pending() {
        return new OutboxEntry(key, conversation, text, created, Status.PENDING, null, null);
    }

    public OutboxEntry sent(ChatMessage stored) {
        return new OutboxEntry(key, conversation, text, created, Status.SENT, null, stored);
    }

    public OutboxEntry failed(String reason) {
        return new OutboxEntry(key, conversation, text, created, Status.FAILED, reason, null);
    }

    /** Refused with {@code code}: FAILED, the reason kept as {@code CODE: serverMessage}. */
    public OutboxEntry failed(ErrorCode code, String serverMessage) {
        return failed(code.name() + ": " + serverMessage);
    }

    /** Still PENDING, but the server asked to wait ({@code RATE_LIMITED}); it goes out again after the wait. */
    public OutboxEntry waiting(ErrorCode code, String serverMessage, long waitMs) {
        return new OutboxEntry(key, conversation, text, created, Status.PENDING, code.name() + ": " + serverMessage,
                null, waitMs);
    }

    /** The server's error code in {@link #failure()}, if there is one. */
    public Optional<ErrorCode> failureCode() {
        if (failure == null || failure.indexOf(':') < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(ErrorCode.valueOf(failure.substring(0, failure.indexOf(':'))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The server's own words in {@link #failure()}, without the code. */
    public String failureMessage() {
        if (failure == null) {
            return null;
        }
        return failureCode().isPresent() ? failure.substring(failure.indexOf(':') + 1).strip() : failure;
    }

    public OutboxEntry discarded() {
        return new OutboxEntry(key, conversation, text, created, Status.DISCARDED, failure, null);
    }
}
