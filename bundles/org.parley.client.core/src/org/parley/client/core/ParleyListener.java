package org.parley.client.core;

import org.parley.protocol.ChatMessage;

/**
 * Typed client events. Every method runs on the executor given to {@link ParleyClient#addListener}, one event at a
 * time and in order for that listener; never on a network thread. All methods default to doing nothing.
 */
public interface ParleyListener {

    /**
     * A message the user has not been shown yet: pushed live, fetched during catch-up after a reconnect, or the
     * server's copy of the user's own sent message. Each message id is delivered at most once per client.
     *
     * @param conversation {@code #room}, or {@code @user} naming the other party of a private conversation, as a
     *                     lower-case key ({@link Conversations#key}; the message keeps the server's spelling)
     */
    default void messageReceived(String conversation, ChatMessage message) {
    }

    /**
     * A conversation's unread or mention count changed: after login or resume (the server's counts, every
     * conversation), on a message from someone else, on reading in this or another session of the user.
     *
     * @param conversation a lower-case key ({@link Conversations#key})
     */
    default void unreadChanged(String conversation, UnreadCount count) {
    }

    /** A user came online or went offline; after a reconnect, the changes missed meanwhile are reported too. */
    default void presenceChanged(String user, boolean online) {
    }

    default void stateChanged(ConnectionState state) {
    }

    /** An outbox entry was added or changed status (PENDING, SENT, FAILED) or was discarded. */
    default void outboxChanged(OutboxEntry entry) {
    }

    /**
     * A failure not tied to a request the caller is waiting on: reconnect given up, certificate changed on reconnect,
     * link lost with reconnecting off ({@link ConnectionLostException}), an unsolicited server error, a malformed
     * frame.
     */
    default void error(ParleyException error) {
    }
}
