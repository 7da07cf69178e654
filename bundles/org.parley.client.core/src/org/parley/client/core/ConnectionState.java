package org.parley.client.core;

/**
 * Life cycle of the client's link to its server.
 *
 * <pre>
 * OFFLINE --login--> CONNECTING --ok--> ONLINE --link lost--> RECONNECTING --resumed--> ONLINE
 *                         |                |                        |
 *                         +-- failure ---> OFFLINE <-- logout ------+-- resume refused / cert changed
 *                                             ^                     |
 *                                             +---------------------+-- reconnect turned off
 * </pre>
 * With reconnecting off ({@link ParleyClient#setReconnect}) a lost link goes from ONLINE straight to OFFLINE.
 */
public enum ConnectionState {
    /**
     * No session: never logged in, logged out, gave up, or lost the link with reconnecting off (see the last
     * {@link ParleyListener#error}).
     */
    OFFLINE,
    /** First connection and login in progress. */
    CONNECTING,
    /** Logged in; requests and sends go straight to the server. */
    ONLINE,
    /** The link dropped; retrying with backoff and the resume token. Sends queue in the outbox. */
    RECONNECTING
}
