package org.parley.protocol;

/**
 * One entry of an {@code unread} reply.
 *
 * @param with     {@code #room} or {@code @user}, as the wire shows it elsewhere
 * @param upTo     the user's read marker: the newest message id read, 0 if none
 * @param unread   messages after {@code upTo} sent by others, at most {@link Limits#MAX_UNREAD_COUNT}
 * @param mentions those of them that mention the user ({@link Mentions}), at most {@link Limits#MAX_UNREAD_COUNT}
 * @param last     the newest message id of the conversation when counted, 0 if it has none
 */
public record UnreadInfo(String with, long upTo, int unread, int mentions, long last) {
}
