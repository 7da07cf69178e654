package org.parley.client.ui.notify;

import org.eclipse.jface.notifications.NotificationPopup;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.parley.client.core.Conversations;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.prefs.PreferenceKeys;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Limits;

/** A small desktop popup for a new message, only while the Parley window is not the active one. */
public final class MessageNotifier {

    /** Popups show the start of the message only; the full text is in the Chat view. */
    private static final int PREVIEW_CHARS = 140;
    private static final long SHOW_MILLIS = 6000;

    private final IPreferenceStore store;

    public MessageNotifier(IPreferenceStore store) {
        this.store = store;
    }

    public void messageArrived(Shell window, String conversation, ChatMessage message) {
        boolean windowActive = window.getDisplay().getActiveShell() == window;
        if (shouldNotify(windowActive)) {
            show(window.getDisplay(), conversation, message);
        }
    }

    public boolean shouldNotify(boolean windowActive) {
        return !windowActive && store.getBoolean(PreferenceKeys.NOTIFICATIONS);
    }

    /**
     * Private messages that arrived while the user was offline (counted by the server, reported after login or
     * resume): one popup per conversation, whenever notifications are on. Unlike a live message's popup it also shows
     * over the active window: logging in activates the window (the Chat view takes the focus), and nothing else in it
     * says that someone wrote while the user was away except the Conversations view's badge.
     */
    public void unreadWhileAway(Shell window, String conversation, int unread) {
        if (store.getBoolean(PreferenceKeys.NOTIFICATIONS)) {
            showAway(window.getDisplay(), conversation, unread);
        }
    }

    public NotificationPopup showAway(Display display, String conversation, int unread) {
        String count = unread >= Limits.MAX_UNREAD_COUNT ? (Limits.MAX_UNREAD_COUNT - 1) + "+" : Integer.toString(unread);
        NotificationPopup popup = NotificationPopup.forDisplay(display)
                .title(NLS.bind(Messages.Notify_TitleAway, conversation.substring(1)), true)
                .text(NLS.bind(Messages.Notify_Away, count)).delay(SHOW_MILLIS).build();
        popup.open();
        TestIds.tag(popup.getShell(), TestIds.NOTIFY_POPUP);
        return popup;
    }

    public NotificationPopup show(Display display, String conversation, ChatMessage message) {
        String title = Conversations.isRoom(conversation)
                ? NLS.bind(Messages.Notify_TitleRoom, message.from(), conversation)
                : NLS.bind(Messages.Notify_Title, message.from());
        String text = message.text().length() > PREVIEW_CHARS ? message.text().substring(0, PREVIEW_CHARS) + "\u2026"
                : message.text();
        NotificationPopup popup = NotificationPopup.forDisplay(display).title(title, true).text(text)
                .delay(SHOW_MILLIS).build();
        popup.open();
        TestIds.tag(popup.getShell(), TestIds.NOTIFY_POPUP);
        return popup;
    }
}
