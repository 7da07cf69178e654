package org.parley.client.ui.views;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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

    @Override
    public void createPartControl(Composite parent) {
        notifier = new MessageNotifier(ParleyUiPlugin.getDefault().getPreferenceStore());
        folder = TestIds.tag(new CTabFolder(parent, SWT.BORDER | SWT.FLAT), TestIds.CHAT_FOLDER);
        folder.addListener(SWT.Selection, e -> selected((CTabItem) e.item));
        folder.addCTabFolder2Listener(new CTabFolder2Adapter() {
            @Override
            public void close(CTabFolderEvent event) {
                ConversationTab tab = (ConversationTab) event.item.getData();
                tabs.remove(tab.conversation());
                client.closeConversation(tab.conversation());
            }
        });
        getSite().getShell().addListener(SWT.Activate, windowActivated);
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
        notifier.messageArrived(getSite().getShell(), conversation, message);
    }

    /** The tab of a conversation, made (with its newest history) if it is not open yet. */
    public ConversationTab openConversation(String address, boolean select) {
        // The core reports conversations by their lower-case key; "@Bob" typed or listed is the same tab as "@bob".
        String conversation = Conversations.key(address);
        ConversationTab tab = tabs.get(conversation);
        if (tab == null) {
            tab = new ConversationTab(folder, conversation, client, this::markShownAsRead);
            tabs.put(conversation, tab);
            client.openConversation(conversation);
            tab.loadNewest();
            ConversationsView.opened(getSite().getPage(), conversation);
        }
        if (select || folder.getSelection() == null) {
            folder.setSelection(tab.item());
            selected(tab.item());
        }
        return tab;
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

    private void selected(CTabItem item) {
        if (item == null || item.isDisposed()) {
            return;
        }
        ConversationTab tab = (ConversationTab) item.getData();
        tab.setUnread(0);
        tab.input().setFocus();
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
