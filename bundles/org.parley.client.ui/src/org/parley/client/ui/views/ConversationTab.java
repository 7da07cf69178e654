package org.parley.client.ui.views;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.List;
import java.util.function.Consumer;
import java.util.Set;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.bindings.keys.KeyStroke;
import org.eclipse.jface.fieldassist.ContentProposalAdapter;
import org.eclipse.jface.fieldassist.TextContentAdapter;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.resource.JFaceColors;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ILazyContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.ActionFactory;
import org.parley.client.core.OutboxEntry;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.UnreadCount;
import org.parley.client.ui.internal.FriendlyErrors;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.Plurals;
import org.parley.client.ui.internal.ParleyUiPlugin;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.internal.UiListeners;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Limits;

/**
 * One conversation: a virtual table of messages (only visible rows are ever materialised, so 100,000 messages stay
 * smooth) above a multi-line input where Enter sends and Shift+Enter starts a new line.
 */
public final class ConversationTab {

    /** How many older messages one scroll to the top fetches. */
    static final int PAGE = Limits.MAX_HISTORY_LIMIT;
    /** At most this many selected messages show in the detail area (Copy still copies all of them). */
    static final int DETAIL_MAX = 500;

    private final String conversation;
    private final ParleyClient client;
    private final CTabItem item;
    private final TableViewer viewer;
    private final Table table;
    private final StyledText detail;
    private final Text input;
    private final Label problem;
    /** The refused message the line under the input talks about, if any. */
    private String failedKey;
    private final MessageRows rows = new MessageRows();
    private final Set<String> users;
    private Consumer<String> linkOpener = ConversationTab::openInBrowser;
    private final ContentProposalAdapter assist;
    private int unread;
    private boolean loadingOlder;
    private boolean historyComplete;
    /** Whether the first (newest) page has arrived; until then there is nothing to page back from. */
    private boolean newestLoaded;
    /** The message {@link #reveal} is to show once it is loaded, or null. */
    private Long revealing;
    /** Called when rows arrived that the user may now be reading (the view decides whether they are shown). */
    private final Runnable rowsShown;
    /** The newest message id this tab has reported as read (or the server had as read), 0 for none. */
    private long markedUpTo;

    /**
     * @param users the names {@code @} completes from, shared by all tabs; this tab adds the senders it loads
     */
    ConversationTab(CTabFolder folder, String conversation, ParleyClient client, Runnable rowsShown, Set<String> users) {
        this.conversation = conversation;
        this.client = client;
        this.rowsShown = rowsShown;
        this.users = users;
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
        viewer = new TableViewer(sash, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.MULTI | SWT.BORDER);
        table = TestIds.tag(viewer.getTable(), TestIds.CHAT_MESSAGES + conversation);
        table.setHeaderVisible(true);
        viewer.setUseHashlookup(true);
        viewer.setContentProvider(new ILazyContentProvider() {
            @Override
            public void updateElement(int index) {
                if (index < rows.size()) {
                    viewer.replace(rows.get(index), index);
                }
            }

            @Override
            public void inputChanged(Viewer v, Object oldInput, Object newInput) {
                // The rows object never changes; only its size does.
            }
        });
        MessageColumns.create(viewer, () -> client.user().orElse(""), rows);
        MessageToolTip.install(viewer);
        viewer.setInput(rows);
        viewer.addDoubleClickListener(e -> retry((IStructuredSelection) e.getSelection()));
        // Older history loads when the user reaches the top, by scroll bar or wheel.
        table.getVerticalBar().addListener(SWT.Selection, e -> loadOlderAtTop());
        table.addListener(SWT.MouseWheel, e -> table.getDisplay().asyncExec(this::loadOlderAtTop));
        detail = TestIds.tag(new StyledText(sash, SWT.READ_ONLY | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER),
                TestIds.CHAT_DETAIL + conversation);
        detail.setMargins(4, 2, 4, 2);
        detail.addListener(SWT.MouseUp, this::clickInDetail);
        detail.setAlwaysShowScrollBars(false);
        sash.setWeights(3, 1);
        viewer.addSelectionChangedListener(e -> showDetail());
        table.addListener(SWT.KeyDown, e -> {
            if ((e.stateMask & SWT.MOD1) != 0 && (e.keyCode == 'c' || e.keyCode == 'C')) {
                e.doit = false;
                copy();
            }
        });
        createContextMenu();

        input = TestIds.tag(new Text(body, SWT.MULTI | SWT.WRAP | SWT.BORDER | SWT.V_SCROLL), TestIds.CHAT_INPUT + conversation);
        input.setMessage(Messages.Chat_InputHint);
        // No text limit on the widget: it would cut a long paste silently. send() says what is too long instead.
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, input.getLineHeight() * 3).applyTo(input);
        // Added before the assist's own key listener, so keyDown sees the popup still open when Enter picks a name.
        input.addListener(SWT.KeyDown, this::keyDown);
        assist = new ContentProposalAdapter(input, new TextContentAdapter(), new MentionProposals(this::mentionable),
                KeyStroke.getInstance(SWT.MOD1, ' '), new char[] {'@'});
        assist.setProposalAcceptanceStyle(ContentProposalAdapter.PROPOSAL_INSERT);
        problem = TestIds.tag(new Label(body, SWT.WRAP), TestIds.CHAT_PROBLEM + conversation);
        problem.setForeground(body.getDisplay().getSystemColor(SWT.COLOR_RED));
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).exclude(true).applyTo(problem);
        problem.setVisible(false);
        input.addListener(SWT.Modify, e -> {
            if (problem.isVisible() && OutboxText.tooLong(input.getText().strip()) == null) {
                showProblem(null); // shortened enough: the complaint goes
            }
        });
    }

    public String conversation() {
        return conversation;
    }

    CTabItem item() {
        return item;
    }

    public Text input() {
        return input;
    }

    /** The names {@code @} completes from: everyone known but the user. */
    private List<String> mentionable() {
        String self = self();
        return users.stream().filter(u -> !u.equalsIgnoreCase(self)).toList();
    }

    /** The {@code @name} completion of the input, for tests. */
    public MentionProposals mentions() {
        return (MentionProposals) assist.getContentProposalProvider();
    }

    /** The input's content assist, for tests. */
    public ContentProposalAdapter assist() {
        return assist;
    }

    public Table table() {
        return table;
    }

    MessageRows rows() {
        return rows;
    }

    int unread() {
        return unread;
    }

    private void keyDown(Event e) {
        boolean enter = e.keyCode == SWT.CR || e.keyCode == SWT.KEYPAD_CR || e.character == SWT.CR;
        if (enter && (e.stateMask & SWT.SHIFT) == 0 && !assist.isProposalPopupOpen()) {
            e.doit = false; // the Text must not insert the line break
            send();
        }
    }

    /** Sends what is typed; the outbox reports it back as PENDING, then SENT or FAILED. */
    void send() {
        String text = input.getText().strip();
        if (text.isEmpty()) {
            return;
        }
        String tooLong = OutboxText.tooLong(text);
        if (tooLong != null) {
            showProblem(tooLong); // the text stays in the input for the user to shorten or split
            return;
        }
        try {
            client.send(conversation, text);
            input.setText("");
            showProblem(null);
        } catch (RuntimeException e) {
            // Not logged in: keep the text so nothing typed is lost.
            showProblem(NLS.bind(Messages.Chat_SendFailed, FriendlyErrors.message(e)));
        }
    }

    /** The line under the input saying why Enter did not send; null hides it. */
    private void showProblem(String text) {
        problem.setText(text == null ? "" : text);
        problem.setVisible(text != null);
        ((org.eclipse.swt.layout.GridData) problem.getLayoutData()).exclude = text == null;
        problem.getParent().layout(true);
    }

    /** The selected messages in full under the table, for tests. */
    public StyledText detail() {
        return detail;
    }

    private List<?> selectedRows() {
        return viewer.getStructuredSelection().toList();
    }

    private String self() {
        return client.user().orElse("");
    }

    /** Shows the selection in full: one message as its text, several as Copy would put them. */
    private void showDetail() {
        List<?> selected = selectedRows();
        // Select All over a long history must not fill the area with megabytes: the first DETAIL_MAX, then a count.
        List<?> shown = selected.size() > DETAIL_MAX ? selected.subList(0, DETAIL_MAX) : selected;
        String text = shown.isEmpty() ? ""
                : shown.size() == 1 ? MessageText.normalize(MessageText.text(shown.get(0)))
                : MessageText.copy(shown, self()).replace(System.lineSeparator(), "\n");
        if (shown.size() < selected.size()) {
            text += "\n" + Plurals.bind(Messages.Chat_DetailMore, selected.size() - shown.size());
        }
        detail.setText(text);
        Font mono = JFaceResources.getTextFont();
        for (int[] run : MessageText.codeRuns(text)) {
            StyleRange range = new StyleRange(run[0], run[1], null, null);
            range.font = mono;
            detail.setStyleRange(range);
        }
        for (int[] link : MessageLinks.webLinks(text)) {
            StyleRange range = new StyleRange(link[0], link[1],
                    JFaceColors.getHyperlinkText(detail.getDisplay()), null);
            range.underline = true;
            range.underlineStyle = SWT.UNDERLINE_LINK;
            range.data = text.substring(link[0], link[0] + link[1]);
            detail.setStyleRange(range);
        }
    }

    /** A click (not a selection by dragging) on a web link in the detail area opens it in the browser. */
    private void clickInDetail(Event e) {
        if (e.button != 1 || detail.getSelectionCount() > 0) {
            return;
        }
        int offset = detail.getOffsetAtPoint(new Point(e.x, e.y));
        StyleRange range = offset < 0 ? null : detail.getStyleRangeAtOffset(offset);
        if (range != null && range.data instanceof String url) {
            linkOpener.accept(url);
        }
    }

    /** Opens web links in the workbench's browser (the system's, or the IDE's as the user set it up). */
    private static void openInBrowser(String url) {
        try {
            PlatformUI.getWorkbench().getBrowserSupport().getExternalBrowser().openURL(new URL(url));
        } catch (PartInitException | MalformedURLException e) {
            ParleyUiPlugin.getDefault().getLog().warn("Cannot open " + url, e);
        }
    }

    /** Replaces how web links are opened: tests record the address instead of starting a browser. */
    public void setLinkOpener(Consumer<String> opener) {
        linkOpener = opener;
    }

    /**
     * Edit > Copy (the workbench's copy command, Ctrl+C where the workbench binds it): the focused part of the tab
     * copies its own selection; the input and the detail area their text, the table its selected messages.
     */
    void copyFromFocus() {
        if (input.isFocusControl()) {
            input.copy();
        } else if (detail.isFocusControl()) {
            detail.copy();
        } else {
            copy();
        }
    }

    /** Puts the selected messages on the clipboard as text: time, sender and the whole text of each. */
    void copy() {
        List<?> selected = selectedRows();
        if (selected.isEmpty()) {
            return;
        }
        toClipboard(MessageText.copy(selected, self()));
    }

    /** The link to the one selected stored message, or null (none or several selected, unsent, or offline). */
    String link() {
        List<?> selected = selectedRows();
        if (selected.size() != 1 || !(selected.get(0) instanceof ChatMessage message) || client.server().isEmpty()) {
            return null;
        }
        return MessageLinks.of(client.server().get(), self(), conversation, message.id());
    }

    /** Puts the selected message's {@code parley://} link on the clipboard. */
    void copyLink() {
        String link = link();
        if (link != null) {
            toClipboard(link);
        }
    }

    private void toClipboard(String text) {
        Clipboard clipboard = new Clipboard(table.getDisplay());
        try {
            clipboard.setContents(new Object[] {text}, new Transfer[] {TextTransfer.getInstance()});
        } finally {
            clipboard.dispose();
        }
    }

    private void createContextMenu() {
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
            copy.setEnabled(!viewer.getSelection().isEmpty());
            copyLink.setEnabled(link() != null);
        });
        table.setMenu(menu.createContextMenu(table));
        table.addDisposeListener(e -> menu.dispose());
    }

    /** The context menu of the message table, for tests. */
    public Menu menu() {
        return table.getMenu();
    }

    /** The line under the input, for tests. */
    public Label problem() {
        return problem;
    }

    private void retry(IStructuredSelection selection) {
        if (selection.getFirstElement() instanceof OutboxEntry entry && entry.status() == OutboxEntry.Status.FAILED) {
            client.retry(entry.key());
        }
    }

    /** Fetches the newest page; called once when the tab opens. */
    void loadNewest() {
        client.history(conversation, null, Limits.DEFAULT_HISTORY_LIMIT)
                .thenAcceptAsync(page -> {
                    rows.addOlder(page);
                    addSenders(page);
                    historyComplete = page.size() < Limits.DEFAULT_HISTORY_LIMIT;
                    newestLoaded = true;
                    refresh(0, revealing == null);
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

    /**
     * Selects the message with this id and scrolls it to the middle of the table, loading older pages until it is
     * loaded (the rows stay one unbroken stretch of history, so the newest messages keep arriving below).
     */
    public void reveal(long messageId) {
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
            select(row);
        } else if (historyComplete || (rows.oldestId() != null && rows.oldestId() < revealing)) {
            revealing = null; // not in this conversation's history (any more)
        } else {
            loadOlder();
        }
    }

    private void select(int row) {
        viewer.replace(rows.get(row), row);
        table.setSelection(row);
        int visible = Math.max(1, table.getClientArea().height / Math.max(1, table.getItemHeight()));
        table.setTopIndex(Math.max(0, row - visible / 2));
        showDetail();
    }

    /** The id of the message selected in the table (the first one), or null: for tests. */
    public Long selectedId() {
        return viewer.getStructuredSelection().getFirstElement() instanceof ChatMessage m ? m.id() : null;
    }

    /** Inserts older rows above and keeps the row the user was looking at in place. */
    void showOlder(List<ChatMessage> page) {
        int top = table.getTopIndex();
        int added = rows.addOlder(page);
        addSenders(page);
        historyComplete |= page.size() < PAGE;
        refresh(0, false);
        table.setTopIndex(top + added);
        continueReveal();
    }

    private void addSenders(List<ChatMessage> page) {
        for (ChatMessage message : page) {
            users.add(message.from());
        }
    }

    void messageReceived(ChatMessage message) {
        users.add(message.from());
        boolean follow = isAtBottom();
        int row = rows.add(message);
        if (row >= 0) {
            refresh(row, follow);
        }
    }

    void outboxChanged(OutboxEntry entry) {
        boolean follow = isAtBottom();
        int first = rows.outboxChanged(entry);
        refresh(first, follow || entry.status() == OutboxEntry.Status.PENDING);
        // The State column may be scrolled out of sight in a narrow view: the reason also shows under the input.
        if (entry.status() == OutboxEntry.Status.FAILED) {
            failedKey = entry.key();
            showProblem(OutboxText.tooltip(entry).replace('\n', ' '));
        } else if (entry.key().equals(failedKey)) {
            failedKey = null;
            showProblem(null);
        }
    }

    /**
     * Tells the server that the user has read this conversation up to its newest stored message (the caller checked
     * that the tab is shown). Once per newest id; a failed request is tried again at the next occasion.
     */
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
        }, UiListeners.uiThread(table));
    }

    /** Whether a read marker at {@code upTo} covers every message this tab shows. */
    boolean readUpTo(long upTo) {
        Long newest = rows.newestId();
        return newest == null || upTo >= newest;
    }

    void setUnread(int count) {
        unread = count;
        item.setText(count == 0 ? conversation : NLS.bind(Messages.Chat_Unread, conversation, count));
    }

    private boolean isAtBottom() {
        int visible = Math.max(1, table.getClientArea().height / Math.max(1, table.getItemHeight()));
        return table.getTopIndex() + visible >= table.getItemCount() - 1;
    }

    /**
     * Shows the rows from {@code firstChanged} on anew. Live messages land at the end, so only the last rows are
     * cleared: clearing all 100,000 rows for each new message is what would make a long history sluggish.
     */
    private void refresh(int firstChanged, boolean scrollToEnd) {
        int size = rows.size();
        viewer.setItemCount(size);
        if (firstChanged < size) {
            table.clear(firstChanged, size - 1);
        }
        if (scrollToEnd && rows.size() > 0) {
            table.showItem(table.getItem(rows.size() - 1));
        }
    }

    void dispose() {
        item.dispose();
    }
}
