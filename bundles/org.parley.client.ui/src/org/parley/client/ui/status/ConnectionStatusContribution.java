package org.parley.client.ui.status;

import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.menus.WorkbenchWindowControlContribution;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.ParleyListener;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.ParleyUiPlugin;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.internal.UiListeners;

/**
 * The connection state in the window's status line. Contributed to {@code toolbar:org.eclipse.ui.trim.status} so it
 * shows in the Parley product and in a stock Eclipse IDE alike, whichever view is active.
 */
public class ConnectionStatusContribution extends WorkbenchWindowControlContribution {

    @Override
    protected Control createControl(Composite parent) {
        ParleyClient client = ParleyUiPlugin.client();
        CLabel label = TestIds.tag(new CLabel(parent, SWT.NONE), TestIds.STATUS_CONNECTION);
        show(label, client, client.state());
        UiListeners.listen(client, label, new ParleyListener() {
            @Override
            public void stateChanged(ConnectionState state) {
                show(label, client, state);
            }
        });
        return label;
    }

    /** Wide enough for "online as" a long name: the trim does not grow when the text changes later. */
    @Override
    protected int computeWidth(Control control) {
        return Math.max(control.computeSize(SWT.DEFAULT, SWT.DEFAULT, true).x, 260);
    }

    private static void show(CLabel label, ParleyClient client, ConnectionState state) {
        label.setText(text(state, client.user().orElse("")));
        label.getParent().layout(true, true);
    }

    public static String text(ConnectionState state, String user) {
        return switch (state) {
            case OFFLINE -> Messages.Status_Offline;
            case CONNECTING -> Messages.Status_Connecting;
            case ONLINE -> NLS.bind(Messages.Status_Online, user);
            case RECONNECTING -> Messages.Status_Reconnecting;
        };
    }
}
