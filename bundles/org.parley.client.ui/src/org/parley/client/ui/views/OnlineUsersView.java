package org.parley.client.ui.views;

import java.util.List;
import java.util.TreeSet;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.ParleyListener;
import org.parley.client.ui.internal.TypedAddresses;
import org.parley.client.ui.internal.AfterPause;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.ParleyUiPlugin;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.internal.UiListeners;
import org.parley.client.ui.internal.WorkbenchClient;
import org.parley.protocol.NameRules;

/**
 * Who is online: a page of the server's online list (the first {@value #PAGE} by name), fetched after login and
 * resume, by Refresh, and every {@value #RELIST_SECONDS} s while the view is open; the users listed are watched
 * (protocol 3 pushes presence only for watched users), so one going offline leaves the list at once, even one who left
 * between the listing and the watch (the client reports him offline from the watch reply). Someone who
 * comes online appears at the next listing: announcing every login to every client is what protocol 3 gave up to
 * scale (docs/protocol.md section 9; Zulip re-lists presence every minute too). What is typed in the filter narrows
 * the list at once and is then asked of the server ({@code users} with a {@code prefix}), so the filter also finds
 * someone who came online since the last listing or who sorts past the page. Double-click opens a private chat.
 */
public class OnlineUsersView extends ViewPart {

    public static final String ID = "org.parley.client.ui.views.users";
    /** Users fetched per listing: a screenful or two, and well under the protocol's watch limit. */
    static final int PAGE = 200;
    /** How often the open view asks for the list again, for users who came online meanwhile. */
    static final int RELIST_SECONDS = 60;
    /** How long typing in the filter may pause before the server is asked: one request per word, not per key. */
    static final int FILTER_DELAY_MS = 250;
    /** This view's share of the client's watched users. */
    private static final String WATCH_OWNER = ID;

    private ParleyClient client;
    private Composite root;
    private Text filter;
    private TableViewer viewer;
    /** Sorted without regard to case, as people scan a list of names. */
    private final TreeSet<String> online = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    /** Counts listings asked for, so a slow reply to an older filter never replaces a newer one (UI thread only). */
    private int listings;

    @Override
    public void createPartControl(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(2, 2).applyTo(root);
        filter = TestIds.tag(new Text(root, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL), TestIds.USERS_FILTER);
        filter.setMessage(Messages.Users_Filter);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(filter);
        AfterPause typed = new AfterPause(root, FILTER_DELAY_MS, this::reload);
        filter.addListener(SWT.Modify, e -> {
            viewer.refresh();
            typed.restart();
        });
        Button refresh = TestIds.tag(new Button(root, SWT.PUSH), TestIds.USERS_REFRESH);
        refresh.setText(Messages.Users_Refresh);
        refresh.addListener(SWT.Selection, e -> reload());

        viewer = new TableViewer(root, SWT.SINGLE | SWT.FULL_SELECTION);
        TestIds.tag(viewer.getTable(), TestIds.USERS_LIST);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).applyTo(viewer.getTable());
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                return isSelf((String) element) ? NLS.bind(Messages.Users_You, element) : (String) element;
            }
        });
        viewer.addFilter(new ViewerFilter() {
            @Override
            public boolean select(Viewer v, Object parentElement, Object element) {
                // As the server matches (section 6.6): names that start with what was typed, without regard to case.
                return NameRules.key((String) element).startsWith(NameRules.key(filter.getText().trim()));
            }
        });
        viewer.addDoubleClickListener(e -> openPrivateChat((IStructuredSelection) e.getSelection()));
        viewer.setInput(online);
        WorkbenchClient.whenAvailable(root, this::bind);
        relistLater();
    }

    private void relistLater() {
        root.getDisplay().timerExec(RELIST_SECONDS * 1000, () -> {
            if (!root.isDisposed()) {
                if (client != null && client.state() == ConnectionState.ONLINE) {
                    reload();
                }
                relistLater();
            }
        });
    }

    private void bind(ParleyClient offered) {
        client = offered;
        online.clear();
        viewer.refresh();
        UiListeners.listen(client, root, new ParleyListener() {
            @Override
            public void stateChanged(ConnectionState state) {
                if (state == ConnectionState.ONLINE) {
                    reload();
                } else if (state == ConnectionState.OFFLINE) {
                    online.clear();
                    viewer.refresh();
                    client.watchPresence(WATCH_OWNER, List.of());
                }
            }

            @Override
            public void presenceChanged(String user, boolean isOnline) {
                // Reports of users already shown so are common (each watch reply reports its newcomers, even offline).
                if (isOnline ? online.add(user) : online.remove(user)) {
                    viewer.refresh();
                }
            }
        });
        if (client.state() == ConnectionState.ONLINE) {
            reload();
        }
    }

    /**
     * A fresh page of the online list, of the names starting with the filter's text when there is one; presence events
     * of the users on it keep it current afterwards.
     */
    private void reload() {
        if (client == null || client.state() != ConnectionState.ONLINE) {
            return;
        }
        String wanted = filter.getText().trim();
        if (!NameRules.isUsernamePrefix(wanted)) {
            return; // no name starts so: the filter already shows nobody
        }
        int listing = ++listings;
        (wanted.isEmpty() ? client.onlineUsers(null, PAGE) : client.onlineUsersStartingWith(wanted, null, PAGE))
                .thenAcceptAsync(page -> {
                    if (listing == listings) {
                        replace(page.users());
                    }
                }, UiListeners.uiThread(root));
    }

    private void replace(List<String> users) {
        if (root.isDisposed()) {
            return;
        }
        online.clear();
        online.addAll(users);
        client.watchPresence(WATCH_OWNER, users);
        viewer.refresh();
    }

    @Override
    public void dispose() {
        if (client != null) {
            client.watchPresence(WATCH_OWNER, List.of());
        }
        super.dispose();
    }

    private boolean isSelf(String user) {
        return client != null && client.user().map(user::equalsIgnoreCase).orElse(false);
    }

    private void openPrivateChat(IStructuredSelection selection) {
        if (!(selection.getFirstElement() instanceof String user) || isSelf(user)) {
            return;
        }
        try {
            ChatView.open(getSite().getPage(), TypedAddresses.privateWith(user));
        } catch (PartInitException e) {
            ParleyUiPlugin.getDefault().getLog().error(e.getMessage(), e);
        }
    }

    @Override
    public void setFocus() {
        filter.setFocus();
    }
}
