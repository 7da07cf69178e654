package org.parley.client.ui.views;

import org.eclipse.swt.widgets.Control;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.UnreadCount;
import org.parley.client.ui.internal.UiListeners;

/**
 * How far the user has read one conversation, as this tab tells the server: up to its newest stored message, once
 * per newest id, not at all when the server has the marker there already; a failed request is tried again at the
 * next occasion.
 */
final class ReadMarker {

    private final String conversation;
    private final ParleyClient client;
    private final MessageRows rows;
    /** The control whose UI thread hears the server's answer. */
    private final Control owner;
    /** The newest message id this tab has reported as read (or the server had as read), 0 for none. */
    private long markedUpTo;

    ReadMarker(String conversation, ParleyClient client, MessageRows rows, Control owner) {
        this.conversation = conversation;
        this.client = client;
        this.rows = rows;
        this.owner = owner;
    }

    /** Tells the server that the user has read up to the newest stored message (the caller checked it is shown). */
    void markRead() {
        Long newest = rows.newestId();
        if (newest == null || newest <= markedUpTo) {
            return;
        }
        long before = markedUpTo;
        markedUpTo = newest;
        UnreadCount known = client.unreadCounts().get(conversation);
        if (known != null && known.readUpTo() >= newest) {
            return; // read already (in another session, or the user's own message)
        }
        client.markRead(conversation, newest).whenCompleteAsync((ok, failure) -> {
            if (failure != null && markedUpTo == newest) {
                markedUpTo = before;
            }
        }, UiListeners.uiThread(owner));
    }

    /** Whether a read marker at {@code upTo} covers every message the tab shows. */
    boolean covers(long upTo) {
        Long newest = rows.newestId();
        return newest == null || upTo >= newest;
    }
}
