package org.parley.client.ui.views;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnPixelData;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.menus.CommandContributionItem;
import org.eclipse.ui.menus.CommandContributionItemParameter;
import org.eclipse.ui.part.ViewPart;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.Conversations;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.ParleyListener;
import org.parley.client.core.UnreadCount;
import org.parley.client.ui.handlers.LeaveRoomHandler;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.ParleyUiPlugin;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.internal.UiListeners;
import org.parley.client.ui.internal.WorkbenchClient;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Limits;
import org.parley.protocol.RoomInfo;

/**
 * The sidebar: every room the user is in and every private conversation, each with the server's unread count and a
 * separate mention badge ({@link ParleyClient#unreadCounts()}, kept current by
 * {@link ParleyListener#unreadChanged}). Rooms come first, then private conversations, each group in alphabetical
 * order; a row never moves because a message arrived, so a double-click always lands on the row the user aimed at.
 * Unread rows are bold, mentions red. Double-click or Enter opens the conversation in the Chat view.
 *
 * <p>Elements are conversation keys ({@link Conversations#key}); the counts live in a map beside them.
 */
public class ConversationsView extends ViewPart {

    public static final String ID = "org.parley.client.ui.views.conversations";

    /** Widest badge texts: "999+" unread and "@999+" mentions fit in these. */
    /** This view's share of the client's watched users: the partners of its private conversations. */
    private static final String WATCH_OWNER = ID;
    private static final int UNREAD_WIDTH = 44;
    private static final int MENTIONS_WIDTH = 52;

    private ParleyClient client;
    private Composite root;
    private TableViewer viewer;
    private final Map<String, UnreadCount> counts = new HashMap<>();
    /** Rooms left in this session: the core keeps their counts until its next refresh, the list must not. */
    private final Set<String> left = new HashSet<>();
    private LocalResourceManager resources;
    private Font bold;

    /** Adds a conversation to the open view of {@code page}, if there is one (the Chat view opened it). */
    static void opened(IWorkbenchPage page, String conversation) {
        ConversationsView view = created(page);
        if (view != null) {
            view.add(conversation);
        }
    }

    /**
     * Marks the conversation the Chat view of {@code page} shows, as the IDE's views follow the editor: selected, not
     * opened, and the focus stays where it is.
     */
    static void shown(IWorkbenchPage page, String conversation) {
        ConversationsView view = created(page);
        if (view != null && view.counts.containsKey(conversation)) {
            view.viewer.setSelection(new StructuredSelection(conversation), true);
        }
    }

    /** Removes a room from the open view of {@code page}, if there is one (the user left it). */
    public static void leftRoom(IWorkbenchPage page, String room) {
        ConversationsView view = created(page);
        if (view != null) {
            view.remove(room);
        }
    }

    /** The view if it has been made; never makes it (the Chat view calls this while the workbench builds parts). */
    private static ConversationsView created(IWorkbenchPage page) {
        IViewReference ref = page == null ? null : page.findViewReference(ID);
        return ref != null && ref.getView(false) instanceof ConversationsView view && view.viewer != null ? view : null;
    }

    @Override
    public void createPartControl(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        TableColumnLayout columns = new TableColumnLayout();
        root.setLayout(columns);
        resources = new LocalResourceManager(JFaceResources.getResources(), root);

        viewer = new TableViewer(root, SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL);
        Table table = TestIds.tag(viewer.getTable(), TestIds.CONVERSATIONS_LIST);
        table.setHeaderVisible(false);
        table.setLinesVisible(false);
        bold = resources.createFont(FontDescriptor.createFrom(table.getFont()).setStyle(SWT.BOLD));

        TableViewerColumn name = new TableViewerColumn(viewer, SWT.LEFT);
        name.getColumn().setText(Messages.Conversations_Name);
        name.setLabelProvider(new Cell() {
            @Override
            public String getText(Object element) {
                return (String) element;
            }

            @Override
            public Color getForeground(Object element) {
                // A private conversation's partner shows whether they are online: greyed while not.
                String c = (String) element;
                return Conversations.isRoom(c) || client == null || client.isOnline(c.substring(1)) ? null
                        : table.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DISABLED_FOREGROUND);
            }
        });
        columns.setColumnData(name.getColumn(), new ColumnWeightData(1, 60));

        TableViewerColumn unread = new TableViewerColumn(viewer, SWT.RIGHT);
        unread.setLabelProvider(new Cell() {
            @Override
            public String getText(Object element) {
                return unreadText(count(element).unread());
            }
        });
        columns.setColumnData(unread.getColumn(), new ColumnPixelData(UNREAD_WIDTH, false));

        TableViewerColumn mentions = new TableViewerColumn(viewer, SWT.RIGHT);
        mentions.setLabelProvider(new Cell() {
            @Override
            public String getText(Object element) {
                int n = count(element).mentions();
                return n == 0 ? "" : NLS.bind(Messages.Conversations_Mentions, unreadText(n));
            }

            @Override
            public Color getForeground(Object element) {
                return table.getDisplay().getSystemColor(SWT.COLOR_RED);
            }
        });
        columns.setColumnData(mentions.getColumn(), new ColumnPixelData(MENTIONS_WIDTH, false));

        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setComparator(new ViewerComparator() {
            @Override
            public int category(Object element) {
                return Conversations.isRoom((String) element) ? 0 : 1;
            }

            @Override
            public int compare(Viewer v, Object a, Object b) {
                int byKind = Integer.compare(category(a), category(b));
                return byKind != 0 ? byKind : ((String) a).compareTo((String) b);
            }
        });
        ColumnViewerToolTipSupport.enableFor(viewer);
        viewer.addDoubleClickListener(e -> open((IStructuredSelection) e.getSelection()));
        viewer.setInput(counts.keySet());
        getSite().setSelectionProvider(viewer);
        createContextMenu();
        WorkbenchClient.whenAvailable(root, this::bind);
    }

    /**
     * Join Room and New Private Chat come from plugin.xml ({@code popup:} this view's id, also on its toolbar); Leave
     * Room is added here, with the selected room as its parameter, when a room that can be left is selected.
     */
    private void createContextMenu() {
        MenuManager menu = new MenuManager();
        menu.setRemoveAllWhenShown(true);
        menu.addMenuListener(this::fillContextMenu);
        viewer.getTable().setMenu(menu.createContextMenu(viewer.getTable()));
        getSite().registerContextMenu(menu, viewer);
    }

    private void fillContextMenu(IMenuManager menu) {
        menu.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        String room = selectedLeavableRoom();
        if (room != null) {
            CommandContributionItemParameter leave = new CommandContributionItemParameter(getSite(),
                    LeaveRoomHandler.COMMAND, LeaveRoomHandler.COMMAND, CommandContributionItem.STYLE_PUSH);
            leave.parameters = Map.of(LeaveRoomHandler.PARAM_ROOM, room);
            menu.add(new Separator());
            menu.add(new CommandContributionItem(leave));
        }
    }

    /** The selected room, unless it is #general (the server does not let anyone leave it). */
    String selectedLeavableRoom() {
        Object selected = viewer.getStructuredSelection().getFirstElement();
        return selected instanceof String c && Conversations.isRoom(c) && !c.equals(Limits.GENERAL_ROOM) ? c : null;
    }

    /** Shared look of the three columns: bold while unread, the counts in the tooltip. */
    private abstract class Cell extends ColumnLabelProvider {
        @Override
        public Font getFont(Object element) {
            return count(element).unread() > 0 || count(element).mentions() > 0 ? bold : null;
        }

        @Override
        public String getToolTipText(Object element) {
            UnreadCount c = count(element);
            if (c.unread() == 0 && c.mentions() == 0) {
                return null;
            }
            return c.mentions() == 0 ? NLS.bind(Messages.Conversations_Tooltip, element, unreadText(c.unread()))
                    : NLS.bind(Messages.Conversations_TooltipMentions,
                            new Object[] { element, unreadText(c.unread()), unreadText(c.mentions()) });
        }
    }

    /** "3", or "999+" at the server's cap (it stops counting at 1000). */
    static String unreadText(int n) {
        if (n <= 0) {
            return "";
        }
        return n >= Limits.MAX_UNREAD_COUNT ? NLS.bind(Messages.Conversations_Capped, Limits.MAX_UNREAD_COUNT - 1)
                : NLS.bind(Messages.Conversations_Unread, n);
    }

    private UnreadCount count(Object element) {
        return counts.getOrDefault(element, UnreadCount.NONE);
    }

    private void bind(ParleyClient offered) {
        client = offered;
        clear();
        UiListeners.listen(client, root, new ParleyListener() {
            @Override
            public void stateChanged(ConnectionState state) {
                if (state == ConnectionState.ONLINE) {
                    online();
                } else if (state == ConnectionState.OFFLINE) {
                    clear();
                }
            }

            @Override
            public void unreadChanged(String conversation, UnreadCount count) {
                if (client.state() == ConnectionState.OFFLINE) {
                    return; // queued before a logout
                }
                if (left.contains(conversation) && count.unread() == 0) {
                    return; // the core's refresh reports a left room once more, with nothing in it
                }
                left.remove(conversation);
                put(conversation, count);
            }

            @Override
            public void presenceChanged(String user, boolean isOnline) {
                String conversation = Conversations.key("@" + user);
                if (counts.containsKey(conversation)) {
                    viewer.update(conversation, null);
                }
            }

            @Override
            public void messageReceived(String conversation, ChatMessage message) {
                if (client.state() != ConnectionState.OFFLINE && !counts.containsKey(conversation)) {
                    add(conversation);
                }
            }
        });
        if (client.state() == ConnectionState.ONLINE) {
            online();
        }
    }

    /**
     * After login and every resume: the core's counts (it asks the server for them after each; what arrives later
     * comes as {@code unreadChanged}), plus the rooms the user is in, which are listed even when nothing is unread.
     */
    private void online() {
        client.unreadCounts().forEach(this::putQuietly);
        watchPartners();
        viewer.refresh();
        client.rooms().thenAcceptAsync(rooms -> {
            for (RoomInfo room : rooms) {
                if (room.joined()) {
                    left.remove(Conversations.key(room.name()));
                    add(room.name());
                }
            }
        }, UiListeners.uiThread(root));
    }

    private void clear() {
        counts.clear();
        left.clear();
        viewer.refresh();
        watchPartners();
    }

    /** The partners of the listed private conversations are the users whose presence this view shows. */
    private void watchPartners() {
        if (client != null) {
            client.watchPresence(WATCH_OWNER, counts.keySet().stream().filter(c -> !Conversations.isRoom(c))
                    .map(c -> c.substring(1)).sorted().toList());
        }
    }

    /** Lists a conversation (with the core's counts, if it has any); nothing changes if it is listed already. */
    void add(String address) {
        String conversation = Conversations.key(address);
        if (client == null || counts.containsKey(conversation)) {
            return;
        }
        left.remove(conversation);
        put(conversation, client.unreadCounts().getOrDefault(conversation, UnreadCount.NONE));
    }

    void remove(String address) {
        String conversation = Conversations.key(address);
        left.add(conversation);
        if (counts.remove(conversation) != null) {
            viewer.remove(conversation);
            watchPartners();
        }
    }

    private void put(String conversation, UnreadCount count) {
        boolean isNew = putQuietly(conversation, count);
        if (isNew) {
            watchPartners();
            viewer.refresh(); // the comparator places the new row
        } else {
            viewer.update(conversation, null); // counts are not sort keys: the row stays where it is
        }
    }

    private boolean putQuietly(String conversation, UnreadCount count) {
        return counts.put(conversation, count) == null;
    }

    private void open(IStructuredSelection selection) {
        if (selection.getFirstElement() instanceof String conversation) {
            try {
                ChatView.open(getSite().getPage(), conversation);
            } catch (PartInitException e) {
                ParleyUiPlugin.getDefault().getLog().error(e.getMessage(), e);
            }
        }
    }

    /** The listed conversations and their counts, for tests. */
    public Map<String, UnreadCount> counts() {
        return counts;
    }

    public TableViewer viewer() {
        return viewer;
    }

    @Override
    public void setFocus() {
        viewer.getTable().setFocus();
    }
}
