package org.parley.client.ui.status;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.ui.menus.WorkbenchWindowControlContribution;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.ParleyException;
import org.parley.client.core.ParleyListener;
import org.parley.client.core.ServerAddress;
import org.parley.client.ui.internal.FriendlyErrors;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.ServerNames;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.internal.UiListeners;
import org.parley.client.ui.internal.WorkbenchClient;
import org.parley.client.ui.views.LoginDialog;

/**
 * The account and connection state in the window's status line ("Parley: online as alice@host", for a cluster the
 * node in use: "alice@host2:7443"). Contributed to
 * {@code toolbar:org.eclipse.ui.trim.status} so it shows in the Parley product and in a stock Eclipse IDE alike,
 * whichever view is active. A click opens the account actions ({@link AccountMenu}); a session that ends on its own
 * brings up the login dialog with the reason.
 *
 * <p>The workbench puts the control into a tool item whose width it fixes once, from the control's preferred size
 * when the trim is first rendered; a later, longer text (online as a user) would be cut to "Parley... alice". So the
 * label sits in a box whose width hint is the widest text any state can show for the current account, measured with
 * the label's font (so any language fits), and when that width changes the hosting tool item is widened to match.
 */
public class ConnectionStatusContribution extends WorkbenchWindowControlContribution {

    /** Mirrors CLabel's own text measurement, so "fits" here means "CLabel will not shorten it". */
    private static final int DRAW_FLAGS = SWT.DRAW_MNEMONIC | SWT.DRAW_TAB | SWT.DRAW_TRANSPARENT | SWT.DRAW_DELIMITER;

    @Override
    protected Control createControl(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(box);
        CLabel label = TestIds.tag(new CLabel(box, SWT.NONE), TestIds.STATUS_CONNECTION);
        GridDataFactory.fillDefaults().grab(true, true).align(SWT.FILL, SWT.CENTER).applyTo(label);
        // Offline until the core offers the workbench's client (no session can exist before it).
        label.setText(text(ConnectionState.OFFLINE, "", ""));
        AccountMenu.attach(label);
        WorkbenchClient.whenAvailable(label, client -> {
            show(label, client, client.state());
            UiListeners.listen(client, label, new ParleyListener() {
                @Override
                public void stateChanged(ConnectionState state) {
                    show(label, client, state);
                }

                @Override
                public void error(ParleyException error) {
                    // The core ends a session before it reports why (reconnect given up, link lost with reconnecting
                    // off, certificate changed): offline now means the user has to log in again. Errors while
                    // online (a refused message, a room left meanwhile) are the views' to show.
                    if (client.state() == ConnectionState.OFFLINE) {
                        LoginDialog.sessionEnded(label.getShell(), FriendlyErrors.describe(error));
                    }
                }
            });
        });
        return box;
    }

    /** Only used where a 3.x tool bar hosts the contribution; the same width as the E4 layout gets. */
    @Override
    protected int computeWidth(Control control) {
        return control.computeSize(SWT.DEFAULT, SWT.DEFAULT, true).x;
    }

    private static void show(CLabel label, ParleyClient client, ConnectionState state) {
        String user = client.user().orElse("");
        Optional<ServerAddress> server = client.server();
        List<String> nodes = server.map(s -> s.nodes().stream().map(n -> ServerNames.node(s, n)).toList())
                .orElse(List.of(""));
        // The node in use (a cluster's session moves on failover, which passes through RECONNECTING to ONLINE).
        String host = server.flatMap(s -> client.node().map(n -> ServerNames.node(s, n))).orElse(nodes.get(0));
        label.setText(text(state, user, host));
        // Wide enough for every node the session may move to, so a failover changes the text but not the trim.
        int width = widest(label, nodes.stream()
                .flatMap(node -> Arrays.stream(ConnectionState.values()).map(s -> text(s, user, node)))
                .toArray(String[]::new));
        GridData data = (GridData) label.getLayoutData();
        if (data.widthHint != width) {
            data.widthHint = width;
            fitToolItem(label.getParent());
            // Lays out every ancestor up to the shell, so the trim bar makes room for the wider tool item.
            label.requestLayout();
        }
    }

    /** Gives the tool item hosting {@code box} (somewhere up the parents), and its tool bar, the box's new width. */
    private static void fitToolItem(Composite box) {
        Control child = box;
        for (Composite parent = box.getParent(); parent != null; child = parent, parent = parent.getParent()) {
            if (parent instanceof ToolBar bar) {
                for (ToolItem item : bar.getItems()) {
                    if (item.getControl() == child) {
                        item.setWidth(child.computeSize(SWT.DEFAULT, SWT.DEFAULT, true).x);
                    }
                }
                // The frame E4 draws around a trim tool bar sizes itself from the bar's current size, not its
                // preferred one: the bar has to take its new size itself before the trim is laid out again.
                bar.pack();
                return;
            }
        }
    }

    /** The width a CLabel needs to show the longest of these texts unshortened. */
    public static int widest(CLabel label, String... texts) {
        GC gc = new GC(label);
        try {
            gc.setFont(label.getFont());
            int widest = 0;
            for (String text : texts) {
                widest = Math.max(widest, gc.textExtent(text, DRAW_FLAGS).x);
            }
            return widest + label.getLeftMargin() + label.getRightMargin();
        } finally {
            gc.dispose();
        }
    }

    public static String text(ConnectionState state, String user, String host) {
        return switch (state) {
            case OFFLINE -> Messages.Status_Offline;
            case CONNECTING -> Messages.Status_Connecting;
            case ONLINE -> NLS.bind(Messages.Status_Online, user, host);
            case RECONNECTING -> Messages.Status_Reconnecting;
        };
    }
}
