package org.parley.client.ui.views;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.actions.ActionFactory;
import org.parley.client.core.ParleyClient;
import org.parley.client.ui.internal.Messages;
import org.parley.protocol.ChatMessage;

/**
 * Copy and Copy Link to Message for a conversation's table: Ctrl+C on it, its context menu, and what they put on the
 * clipboard (the selected messages as text; one stored message's {@code parley://} link).
 */
final class MessageCopy {

    private final MessageTable messages;
    private final ParleyClient client;
    private final String conversation;
    private final Supplier<String> self;

    MessageCopy(MessageTable messages, ParleyClient client, String conversation, Supplier<String> self) {
        this.messages = messages;
        this.client = client;
        this.conversation = conversation;
        this.self = self;
        Table table = messages.table();
        table.addListener(SWT.KeyDown, e -> {
            if ((e.stateMask & SWT.MOD1) != 0 && (e.keyCode == 'c' || e.keyCode == 'C')) {
                e.doit = false;
                copy();
            }
        });
        createContextMenu(table);
    }

    /** Puts the selected messages on the clipboard as text: time, sender and the whole text of each. */
    void copy() {
        List<?> selected = messages.selectedRows();
        if (selected.isEmpty()) {
            return;
        }
        toClipboard(MessageText.copy(selected, self.get()));
    }

    /** The link to the one selected stored message, or null (none or several selected, unsent, or offline). */
    String link() {
        List<?> selected = messages.selectedRows();
        if (selected.size() != 1 || !(selected.get(0) instanceof ChatMessage message) || client.server().isEmpty()) {
            return null;
        }
        return MessageLinks.of(client.server().get(), self.get(), conversation, message.id());
    }

    /** Puts the selected message's {@code parley://} link on the clipboard. */
    void copyLink() {
        String link = link();
        if (link != null) {
            toClipboard(link);
        }
    }

    private void toClipboard(String text) {
        Clipboard clipboard = new Clipboard(messages.table().getDisplay());
        try {
            clipboard.setContents(new Object[] {text}, new Transfer[] {TextTransfer.getInstance()});
        } finally {
            clipboard.dispose();
        }
    }

    private void createContextMenu(Table table) {
        MenuManager menu = new MenuManager();
        Action copy = new Action(Messages.Chat_Copy) {
            @Override
            public void run() {
                copy();
            }
        };
        copy.setId(ActionFactory.COPY.getId());
        menu.add(copy);
        Action copyLink = new Action(Messages.Chat_CopyLink) {
            @Override
            public void run() {
                copyLink();
            }
        };
        menu.add(copyLink);
        menu.addMenuListener(m -> {
            copy.setEnabled(!messages.viewer().getSelection().isEmpty());
            copyLink.setEnabled(link() != null);
        });
        table.setMenu(menu.createContextMenu(table));
        table.addDisposeListener(e -> menu.dispose());
    }
}
