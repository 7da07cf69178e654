package org.parley.client.core;

import java.time.Instant;

import org.parley.protocol.ChatMessage;

/**
 * One message the user sent, as the outbox tracks it. Immutable: a status change produces a new entry with the same
 * key and is announced through {@link ParleyListener#outboxChanged}.
 *
 * @param key          idempotency key (a UUID) sent with every attempt, so a retry never posts twice
 * @param conversation {@code #room} or {@code @user}
 * @param text         the message body
 * @param created      when the user sent it
 * @param status       where it is
 * @param failure      why it failed (FAILED only), else null
 * @param message      the server's stored copy (SENT only), else null
 */
public record OutboxEntry(String key, String conversation, String text, Instant created, Status status, String failure,
        ChatMessage message) {

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

    public OutboxEntry discarded() {
        return new OutboxEntry(key, conversation, text, created, Status.DISCARDED, failure, null);
    }
}
