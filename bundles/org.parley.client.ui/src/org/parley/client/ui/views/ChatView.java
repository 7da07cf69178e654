package org.parley.client.ui.views;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabFolder2Adapter;
import org.eclipse.swt.custom.CTabFolderEvent;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.IWorkbenchCommandConstants;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.part.ViewPart;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.Conversations;
import org.parley.client.core.OutboxEntry;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.ParleyListener;
import org.parley.client.core.UnreadCount;
import org.parley.client.ui.internal.ParleyUiPlugin;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.internal.UiListeners;
import org.parley.client.ui.internal.WorkbenchClient;
import org.parley.client.ui.notify.MessageNotifier;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Limits;
import org.parley.protocol.RoomInfo;

/** One tab per conversation (rooms and private chats), opened as messages arrive or as the user asks. */
public class ChatView extends ViewPart {

    public static final String ID = "org.parley.client.ui.views.chat";

    /** Null until the core offers the workbench's client; no conversation opens before that. */
    private ParleyClient client;
    private CTabFolder folder;
    private final Map<String, ConversationTab> tabs = new LinkedHashMap<>();
    private MessageNotifier notifier;
    /** Private conversations already announced as "while you were away" in this session. */
    private final Set<String> notifiedAway = new HashSet<>();
    /** Who {@code @} completes: senders seen, private partners and online users of this session (any case, once). */
    private final Set<String> users = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    /** Reading happens when the window comes to the front and when this view becomes visible. */
    private final Listener windowActivated = e -> markShownAsRead();
    private final IPartListener2 partShown = new IPartListener2() {
        @Override
        public void partVisible(IWorkbenchPartReference ref) {
            if (ref.getPart(false) == ChatView.this) {
                markShownAsRead();
            }
        }
    };

    /** Shows the Chat view in {@code page} and opens (and selects) a conversation in it. */
    public static ChatView open(IWorkbenchPage page, String conversation) throws PartInitException {
        ChatView view = (ChatView) page.showView(ID);
        view.openConversation(conversation, true);
        return view;
    }

    /**
     * Shows a conversation at one of its messages (a search result): the message is selected and scrolled into
     * view, older history loading until it is there. With {@code activate} the Chat view takes the focus; without,
     * it only comes to the front, so the caller (e.g. the Search view) keeps it.
     */
    public static ChatView reveal(IWorkbenchPage page, String conversation, long messageId, boolean activate)
            throws PartInitException {
        ChatView view = (ChatView) page.showView(ID, null,
                activate ? IWorkbenchPage.VIEW_ACTIVATE : IWorkbenchPage.VIEW_VISIBLE);
        view.openConversation(conversation, true, activate).reveal(messageId);
        return view;
    }

    @Override
    public void createPartControl(Composite parent) {
        notifier = new MessageNotifier(ParleyUiPlugin.getDefault().getPreferenceStore(), this::openFromNotification);
        folder = TestIds.tag(new CTabFolder(parent, SWT.BORDER | SWT.FLAT), TestIds.CHAT_FOLDER);
        folder.addListener(SWT.Selection, e -> selected((CTabItem) e.item, true));
        folder.addCTabFolder2Listener(new CTabFolder2Adapter() {
            @Override
            public void close(CTabFolderEvent event) {
                ConversationTab tab = (ConversationTab) event.item.getData();
                tabs.remove(tab.conversation());
                client.closeConversation(tab.conversation());
            }
        });
        getSite().getShell().addListener(SWT.Activate, windowActivated);
        // Edit > Copy (and Ctrl+C where the workbench binds it to the copy command, as in the IDE) copies what the
        // focused part of the selected tab has selected. A handler of the view's site is active while the view is.
        getSite().getService(IHandlerService.class).activateHandler(IWorkbenchCommandConstants.EDIT_COPY,
                new AbstractHandler() {
                    @Override
                    public Object execute(ExecutionEvent event) {
                        CTabItem item = folder.getSelection();
                        if (item != null && !item.isDisposed()) {
                            ((ConversationTab) item.getData()).copyFromFocus();
                        }
                        return null;
                    }
                });
        getSite().getPage().addPartListener(partShown);
        WorkbenchClient.whenAvailable(folder, this::bind);
    }

    @Override
    public void dispose() {
        Shell shell = getSite().getShell();
        if (shell != null && !shell.isDisposed()) {
            shell.removeListener(SWT.Activate, windowActivated);
        }
        getSite().getPage().removePartListener(partShown);
        super.dispose();
    }

    private void bind(ParleyClient offered) {
        closeAll();
        client = offered;
        UiListeners.listen(client, folder, new ParleyListener() {
            @Override
            public void stateChanged(ConnectionState state) {
                if (state == ConnectionState.ONLINE) {
                    online();
                } else if (state == ConnectionState.OFFLINE) {
                    closeAll();
                }
            }

            @Override
            public void messageReceived(String conversation, ChatMessage message) {
                // Events queued before a logout must not reopen tabs in the emptied window.
                if (client.state() != ConnectionState.OFFLINE) {
                    received(conversation, message);
                }
            }

            @Override
            public void unreadChanged(String conversation, UnreadCount count) {
                // Read in another session of the user (or here): the tab's own count goes too.
                ConversationTab tab = tabs.get(conversation);
                if (tab != null && count.unread() == 0 && tab.readUpTo(count.readUpTo())) {
                    tab.setUnread(0);
                }
                // A private conversation with unread messages but no tab: they came while the user was offline (a
                // live message opens its tab before the core reports the new count).
                if (tab == null && !Conversations.isRoom(conversation) && count.unread() > 0
                        && client.state() != ConnectionState.OFFLINE && notifiedAway.add(conversation)) {
                    notifier.unreadWhileAway(getSite().getShell(), conversation, count.unread());
                }
            }

            @Override
            public void presenceChanged(String user, boolean online) {
                if (online) {
                    users.add(user);
                }
            }

            @Override
            public void outboxChanged(OutboxEntry entry) {
                if (client.state() != ConnectionState.OFFLINE) {
                    openConversation(entry.conversation(), false).outboxChanged(entry);
                }
            }
        });
        if (client.state() == ConnectionState.ONLINE) {
            online();
        }
    }

    /** After login (and after each reconnect): the general room plus every room the user has joined. */
    private void online() {
        boolean first = tabs.isEmpty();
        openConversation(Limits.GENERAL_ROOM, first);
        client.onlineUsers().thenAcceptAsync(users::addAll, UiListeners.uiThread(folder));
        client.rooms().thenAcceptAsync(rooms -> {
            for (RoomInfo room : rooms) {
                if (room.joined()) {
                    openConversation(room.name(), false);
                }
            }
        }, UiListeners.uiThread(folder));
    }

    /** After logout the window starts empty; every tab item goes, with its table (see ConversationTab). */
    private void closeAll() {
        tabs.clear();
        notifiedAway.clear();
        users.clear();
        for (CTabItem item : folder.getItems()) {
            item.dispose();
        }
    }

    private void received(String conversation, ChatMessage message) {
        ConversationTab tab = openConversation(conversation, false);
        tab.messageReceived(message);
        boolean mine = client.user().map(message.from()::equalsIgnoreCase).orElse(false);
        if (mine) {
            return;
        }
        if (isShown(tab)) {
            tab.markRead();
        } else {
            tab.setUnread(tab.unread() + 1);
        }
        notifier.messageArrived(getSite().getShell(), conversation, message, client.user().orElse(""));
    }

    /** The tab of a conversation, made (with its newest history) if it is not open yet. */
    public ConversationTab openConversation(String address, boolean select) {
        return openConversation(address, select, true);
    }

    /** @param focus whether a selected tab takes the focus (not when the Search view keeps it) */
    private ConversationTab openConversation(String address, boolean select, boolean focus) {
        // The core reports conversations by their lower-case key; "@Bob" typed or listed is the same tab as "@bob".
        String conversation = Conversations.key(address);
        ConversationTab tab = tabs.get(conversation);
        if (tab == null) {
            tab = new ConversationTab(folder, conversation, client, this::markShownAsRead, users);
            if (!Conversations.isRoom(conversation)) {
                users.add(conversation.substring(1));
            }
            tabs.put(conversation, tab);
            client.openConversation(conversation);
            tab.loadNewest();
            ConversationsView.opened(getSite().getPage(), conversation);
        }
        if (select || folder.getSelection() == null) {
            folder.setSelection(tab.item());
            selected(tab.item(), focus);
        }
        return tab;
    }

    /** A click on a notification: the window comes to the front with the conversation shown. */
    private void openFromNotification(String conversation) {
        if (folder.isDisposed() || client == null || client.state() == ConnectionState.OFFLINE) {
            return;
        }
        getSite().getShell().forceActive();
        getSite().getPage().activate(this);
        openConversation(conversation, true);
    }

    /** Closes a conversation's tab, as its close button does. */
    public void closeConversation(String address) {
        String conversation = Conversations.key(address);
        ConversationTab tab = tabs.remove(conversation);
        if (tab != null) {
            tab.dispose();
            client.closeConversation(conversation);
        }
    }

    private void selected(CTabItem item, boolean focus) {
        if (item == null || item.isDisposed()) {
            return;
        }
        ConversationTab tab = (ConversationTab) item.getData();
        tab.setUnread(0);
        ConversationsView.shown(getSite().getPage(), tab.conversation());
        if (focus) {
            tab.input().setFocus();
        }
        markShownAsRead();
    }

    /**
     * Whether the user can see this tab now: the selected tab of a visible Chat view in the active window. Only then
     * does a message count as read.
     */
    boolean isShown(ConversationTab tab) {
        Shell shell = getSite().getShell();
        return !tab.item().isDisposed() && folder.getSelection() == tab.item() && getSite().getPage().isPartVisible(this)
                && shell.getDisplay().getActiveShell() == shell;
    }

    /**
     * Moves the read marker of the conversation the user is looking at to its newest message: on the server, for all
     * of the user's sessions, whose badges clear through the server's push. Called when a tab is selected, a message
     * arrives in the shown tab, its history arrives, the window is activated and the view becomes visible.
     */
    void markShownAsRead() {
        if (client == null || client.state() != ConnectionState.ONLINE || folder.isDisposed()) {
            return;
        }
        CTabItem item = folder.getSelection();
        if (item == null || item.isDisposed()) {
            return;
        }
        ConversationTab tab = (ConversationTab) item.getData();
        if (isShown(tab)) {
            tab.setUnread(0);
            tab.markRead();
        }
    }

    /** The open conversations, in tab order of opening. */
    public Map<String, ConversationTab> tabs() {
        return tabs;
    }

    @Override
    public void setFocus() {
        CTabItem item = folder.getSelection();
        if (item != null) {
            ((ConversationTab) item.getData()).input().setFocus();
        } else {
            folder.setFocus();
        }
    }
}
