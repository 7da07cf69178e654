package org.parley.client.ui.views;

import java.util.List;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Table;
import org.parley.client.core.ParleyClient;
import org.parley.client.ui.internal.UiListeners;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Limits;

/**
 * Pages a conversation's history into its table: the newest page when the tab opens, an older page whenever the user
 * reaches the top, and as many older pages as it takes to show a message asked for ({@link #reveal}). The rows stay
 * one unbroken stretch of history, so the newest messages keep arriving below.
 */
final class HistoryLoader {

    /** How many older messages one scroll to the top fetches. */
    static final int PAGE = Limits.MAX_HISTORY_LIMIT;

    private final String conversation;
    private final ParleyClient client;
    private final MessageTable messages;
    private final MessageRows rows;
    private final Table table;
    /** The names {@code @} completes from; the senders of every page loaded join them. */
    private final Set<String> users;
    /** Called when rows arrived that the user may now be reading (the view decides whether they are shown). */
    private final Runnable rowsShown;
    private boolean loadingOlder;
    private boolean historyComplete;
    /** Whether the first (newest) page has arrived; until then there is nothing to page back from. */
    private boolean newestLoaded;
    /** The message {@link #reveal} is to show once it is loaded, or null. */
    private Long revealing;

    HistoryLoader(String conversation, ParleyClient client, MessageTable messages, Set<String> users, Runnable rowsShown) {
        this.conversation = conversation;
        this.client = client;
        this.messages = messages;
        this.rows = messages.rows();
        this.table = messages.table();
        this.users = users;
        this.rowsShown = rowsShown;
        // Older history loads when the user reaches the top, by scroll bar or wheel.
        table.getVerticalBar().addListener(SWT.Selection, e -> loadOlderAtTop());
        table.addListener(SWT.MouseWheel, e -> table.getDisplay().asyncExec(this::loadOlderAtTop));
    }

    /** Fetches the newest page; called once when the tab opens. */
    void loadNewest() {
        client.history(conversation, null, Limits.DEFAULT_HISTORY_LIMIT)
                .thenAcceptAsync(page -> {
                    rows.addOlder(page);
                    addSenders(page);
                    historyComplete = page.size() < Limits.DEFAULT_HISTORY_LIMIT;
                    newestLoaded = true;
                    messages.refresh(0, revealing == null);
                    rowsShown.run();
                    continueReveal();
                }, UiListeners.uiThread(table));
    }

    private void loadOlderAtTop() {
        if (table.isDisposed() || loadingOlder || historyComplete || rows.oldestId() == null || table.getTopIndex() > 0) {
            return;
        }
        loadOlder();
    }

    private void loadOlder() {
        loadingOlder = true;
        client.history(conversation, rows.oldestId(), PAGE).whenCompleteAsync((page, failure) -> {
            loadingOlder = false;
            if (failure == null) {
                showOlder(page);
            } else {
                revealing = null; // e.g. the connection went: the user can select the result again
            }
        }, UiListeners.uiThread(table));
    }

    /** Selects the message with this id and scrolls it to the middle of the table, loading older pages until it is. */
    void reveal(long messageId) {
        revealing = messageId;
        continueReveal();
    }

    private void continueReveal() {
        if (revealing == null || !newestLoaded || loadingOlder || table.isDisposed()) {
            return; // the load under way calls back when it is done
        }
        int row = rows.indexOfId(revealing);
        if (row >= 0) {
            revealing = null;
            messages.select(row);
        } else if (historyComplete || (rows.oldestId() != null && rows.oldestId() < revealing)) {
            revealing = null; // not in this conversation's history (any more)
        } else {
            loadOlder();
        }
    }

    /** Inserts older rows above and keeps the row the user was looking at in place. */
    void showOlder(List<ChatMessage> page) {
        int top = table.getTopIndex();
        int added = rows.addOlder(page);
        addSenders(page);
        historyComplete |= page.size() < PAGE;
        messages.refresh(0, false);
        table.setTopIndex(top + added);
        continueReveal();
    }

    private void addSenders(List<ChatMessage> page) {
        for (ChatMessage message : page) {
            users.add(message.from());
        }
    }
}
