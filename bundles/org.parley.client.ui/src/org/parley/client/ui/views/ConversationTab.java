package org.parley.client.ui.views;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.jface.fieldassist.ContentProposalAdapter;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.parley.client.core.OutboxEntry;
import org.parley.client.core.ParleyClient;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TestIds;
import org.parley.protocol.ChatMessage;

/**
 * One conversation's tab in the Chat view: the message table ({@link MessageTable}, its history paged in by
 * {@link HistoryLoader}, Copy by {@link MessageCopy}) above the selected messages in full ({@link MessageDetail}),
 * the input ({@link MessageInput}) under both. The tab routes the view's events to its parts and keeps its title's
 * unread count.
 */
public final class ConversationTab {

    private final String conversation;
    private final ParleyClient client;
    private final CTabItem item;
    /** The names {@code @} completes from, shared by all tabs; this tab adds the senders it sees. */
    private final Set<String> users;
    private final MessageTable messages;
    private final HistoryLoader history;
    private final MessageDetail detail;
    private final MessageCopy copy;
    private final MessageInput input;
    private final ReadMarker read;
    private int unread;

    /**
     * @param rowsShown called when rows arrived that the user may now be reading (the view decides whether they are)
     * @param users the names {@code @} completes from, shared by all tabs; this tab adds the senders it loads
     */
    ConversationTab(CTabFolder folder, String conversation, ParleyClient client, Runnable rowsShown, Set<String> users) {
        this.conversation = conversation;
        this.client = client;
        this.users = users;
        Supplier<String> self = () -> client.user().orElse("");
        item = TestIds.tag(new CTabItem(folder, SWT.CLOSE), TestIds.CHAT_TAB + conversation);
        item.setText(conversation);
        Composite body = new Composite(folder, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(2, 2).applyTo(body);
        item.setControl(body);
        item.setData(this);
        // A CTabItem leaves its control behind when it goes (close button or logout); the table must go with it.
        item.addDisposeListener(e -> body.dispose());

        // The table above, the selected message in full below; the user can drag the sash.
        SashForm sash = new SashForm(body, SWT.VERTICAL | SWT.SMOOTH);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        messages = new MessageTable(sash, conversation, self);
        messages.viewer().addDoubleClickListener(e -> retry((IStructuredSelection) e.getSelection()));
        history = new HistoryLoader(conversation, client, messages, users, rowsShown);
        detail = new MessageDetail(sash, conversation);
        sash.setWeights(3, 1);
        messages.onSelectionChanged(() -> detail.show(messages.selectedRows(), self.get()));
        copy = new MessageCopy(messages, client, conversation, self);
        input = new MessageInput(body, conversation, client, users, self);
        read = new ReadMarker(conversation, client, messages.rows(), messages.table());
    }

    public String conversation() {
        return conversation;
    }

    CTabItem item() {
        return item;
    }

    public Text input() {
        return input.text();
    }

    /** The {@code @name} completion of the input, for tests. */
    public MentionProposals mentions() {
        return (MentionProposals) input.assist().getContentProposalProvider();
    }

    /** The input's content assist, for tests. */
    public ContentProposalAdapter assist() {
        return input.assist();
    }

    public Table table() {
        return messages.table();
    }

    int unread() {
        return unread;
    }

    /** The selected messages in full under the table, for tests. */
    public StyledText detail() {
        return detail.widget();
    }

    /** Replaces how web links are opened: tests record the address instead of starting a browser. */
    public void setLinkOpener(Consumer<String> opener) {
        detail.setLinkOpener(opener);
    }

    /**
     * Edit > Copy (the workbench's copy command, Ctrl+C where the workbench binds it): the focused part of the tab
     * copies its own selection; the input and the detail area their text, the table its selected messages.
     */
    void copyFromFocus() {
        if (input.text().isFocusControl()) {
            input.text().copy();
        } else if (detail.widget().isFocusControl()) {
            detail.widget().copy();
        } else {
            copy.copy();
        }
    }

    /** The context menu of the message table, for tests. */
    public Menu menu() {
        return messages.table().getMenu();
    }

    /** The line under the input, for tests. */
    public Label problem() {
        return input.problem();
    }

    private void retry(IStructuredSelection selection) {
        if (selection.getFirstElement() instanceof OutboxEntry entry && entry.status() == OutboxEntry.Status.FAILED) {
            client.retry(entry.key());
        }
    }

    /** Fetches the newest page; called once when the tab opens. */
    void loadNewest() {
        history.loadNewest();
    }

    /**
     * Selects the message with this id and scrolls it to the middle of the table, loading older pages until it is
     * loaded (the rows stay one unbroken stretch of history, so the newest messages keep arriving below).
     */
    public void reveal(long messageId) {
        history.reveal(messageId);
    }

    /** The id of the message selected in the table (the first one), or null: for tests. */
    public Long selectedId() {
        return messages.selectedId();
    }

    /** Inserts older rows above and keeps the row the user was looking at in place (as reaching the top does). */
    void showOlder(List<ChatMessage> page) {
        history.showOlder(page);
    }

    void messageReceived(ChatMessage message) {
        users.add(message.from());
        messages.add(message);
    }

    void outboxChanged(OutboxEntry entry) {
        messages.outboxChanged(entry);
        input.outboxChanged(entry);
    }

    /**
     * Tells the server that the user has read this conversation up to its newest stored message (the caller checked
     * that the tab is shown). Once per newest id; a failed request is tried again at the next occasion.
     */
    void markRead() {
        read.markRead();
    }

    /** Whether a read marker at {@code upTo} covers every message this tab shows. */
    boolean readUpTo(long upTo) {
        return read.covers(upTo);
    }

    void setUnread(int count) {
        unread = count;
        item.setText(count == 0 ? conversation : NLS.bind(Messages.Chat_Unread, conversation, count));
    }

    void dispose() {
        item.dispose();
    }
}
