package org.parley.client.ui.notify;

import java.util.function.Consumer;

import org.eclipse.jface.notifications.NotificationPopup;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.parley.client.core.Conversations;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.prefs.PreferenceKeys;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Limits;
import org.parley.protocol.Mentions;

/**
 * A small desktop popup for a new message, only while the Parley window is not the active one. Clicking a popup
 * opens its conversation.
 */
public final class MessageNotifier {

    /** Popups show the start of the message only; the full text is in the Chat view. */
    private static final int PREVIEW_CHARS = 140;
    private static final long SHOW_MILLIS = 6000;

    private final IPreferenceStore store;
    /** Shows a conversation (by key) in front: what clicking a popup does. */
    private final Consumer<String> open;

    public MessageNotifier(IPreferenceStore store) {
        this(store, conversation -> {
        });
    }

    public MessageNotifier(IPreferenceStore store, Consumer<String> open) {
        this.store = store;
        this.open = open;
    }

    /** @param self the logged-in user: a message mentioning them notifies even with notifications turned off */
    public void messageArrived(Shell window, String conversation, ChatMessage message, String self) {
        boolean windowActive = window.getDisplay().getActiveShell() == window;
        boolean mention = Mentions.mentions(message.text(), self);
        if (shouldNotify(windowActive, mention)) {
            show(window.getDisplay(), conversation, message, mention);
        }
    }

    public boolean shouldNotify(boolean windowActive) {
        return shouldNotify(windowActive, false);
    }

    /**
     * Never over the active window; otherwise when the preference says so, and always for a mention: being asked by
     * name is what a user who turned the room chatter off still wants to hear about.
     */
    public boolean shouldNotify(boolean windowActive, boolean mention) {
        return !windowActive && (mention || store.getBoolean(PreferenceKeys.NOTIFICATIONS));
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
        return open(NotificationPopup.forDisplay(display)
                .title(NLS.bind(Messages.Notify_TitleAway, conversation.substring(1)), true)
                .text(NLS.bind(Messages.Notify_Away, count)), conversation);
    }

    public NotificationPopup show(Display display, String conversation, ChatMessage message) {
        return show(display, conversation, message, false);
    }

    public NotificationPopup show(Display display, String conversation, ChatMessage message, boolean mention) {
        String title = mention
                ? Conversations.isRoom(conversation) ? NLS.bind(Messages.Notify_TitleMention, message.from(), conversation)
                        : NLS.bind(Messages.Notify_Title, message.from())
                : Conversations.isRoom(conversation) ? NLS.bind(Messages.Notify_TitleRoom, message.from(), conversation)
                : NLS.bind(Messages.Notify_Title, message.from());
        String text = message.text().length() > PREVIEW_CHARS ? message.text().substring(0, PREVIEW_CHARS) + "\u2026"
                : message.text();
        return open(NotificationPopup.forDisplay(display).title(title, true).text(text), conversation);
    }

    private NotificationPopup open(NotificationPopup.Builder builder, String conversation) {
        NotificationPopup popup = builder.delay(SHOW_MILLIS).build();
        popup.open();
        Shell shell = TestIds.tag(popup.getShell(), TestIds.NOTIFY_POPUP);
        // The popup has no click action of its own: every part of it opens the conversation.
        onClick(shell, () -> {
            popup.close();
            open.accept(conversation);
        });
        return popup;
    }

    private static void onClick(Control control, Runnable action) {
        if (control instanceof Label label && label.getImage() != null) {
            return; // the popup's close button closes, it does not open
        }
        control.addListener(SWT.MouseUp, e -> {
            if (e.button == 1) {
                action.run();
            }
        });
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                onClick(child, action);
            }
        }
    }
}
