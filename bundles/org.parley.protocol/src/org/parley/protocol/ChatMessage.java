package org.parley.protocol;

import java.time.Instant;

/**
 * A stored chat message as it travels on the wire.
 *
 * @param id   server-assigned, strictly increasing across the whole server
 * @param from sender's username
 * @param to   {@code #room} or {@code @user} (for a private message, the recipient as the sender addressed it)
 * @param text the message body, at most {@link Limits#MAX_TEXT_CHARS} characters
 * @param ts   server time of acceptance, millisecond precision, UTC
 */
public record ChatMessage(long id, String from, String to, String text, Instant ts) {
}
