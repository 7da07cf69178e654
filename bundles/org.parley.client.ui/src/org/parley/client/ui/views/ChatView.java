package org.parley.client.ui.views;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabFolder2Adapter;
import org.eclipse.swt.custom.CTabFolderEvent;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.Conversations;
import org.parley.client.core.OutboxEntry;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.ParleyListener;
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
        WorkbenchClient.whenAvailable(folder, this::bind);
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
        if (folder.getSelection() != tab.item() || !getSite().getPage().isPartVisible(this)) {
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
            tab = new ConversationTab(folder, conversation, client);
            tabs.put(conversation, tab);
            client.openConversation(conversation);
            tab.loadNewest();
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
