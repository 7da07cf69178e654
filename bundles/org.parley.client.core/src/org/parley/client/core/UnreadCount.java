package org.parley.client.core;

import org.parley.protocol.Limits;

/**
 * What a conversation's badges show, as the server counts it (docs/protocol.md 6.13) and pushes keep it current.
 *
 * @param readUpTo the newest message id read in any of the user's sessions, 0 for none
 * @param unread   messages after it from others; {@link Limits#MAX_UNREAD_COUNT} means "that many or more"
 * @param mentions those of them that mention the user ({@link org.parley.protocol.Mentions})
 */
public record UnreadCount(long readUpTo, int unread, int mentions) {
    public static final UnreadCount NONE = new UnreadCount(0, 0, 0);

    /** Whether {@link #unread} is a lower bound (the server stops counting at the limit). */
    public boolean capped() {
        return unread >= Limits.MAX_UNREAD_COUNT;
    }
}
