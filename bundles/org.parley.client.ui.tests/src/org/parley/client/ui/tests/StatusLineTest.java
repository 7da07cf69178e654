package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.ResourceBundle;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;
import org.parley.client.core.ConnectionState;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.status.ConnectionStatusContribution;

/**
 * The status-line text is shown in full: the label is at least as wide as its text needs (CLabel shortens it with
 * "..." otherwise), and nothing between it and the window cuts it off. Checked with the widgets' real sizes after
 * the workbench laid out its trim, for a long user name, in English and with the Russian texts.
 */
class StatusLineTest extends ParleyUiTestBase {

    @Test
    void onlineWithALongNameIsShownInFull() {
        CLabel status = ui.find(TestIds.STATUS_CONNECTION, CLabel.class);
        assertShownInFull(status);

        String user = registerThroughUi("a_long_user_name_");
        String online = ConnectionStatusContribution.text(ConnectionState.ONLINE, user, server.address().host());
        ui.waitUntil("the status line says online", () -> status.getText().equals(online));
        assertShownInFull(status);
    }

    @Test
    void theRussianTextsAreShownInFull() {
        ResourceBundle russian = ResourceBundle.getBundle("org.parley.client.ui.internal.messages",
                Locale.forLanguageTag("ru"), Messages.class.getClassLoader());
        String[] english = { Messages.Status_Offline, Messages.Status_Connecting, Messages.Status_Online,
                Messages.Status_Reconnecting };
        Messages.Status_Offline = russian.getString("Status_Offline");
        Messages.Status_Connecting = russian.getString("Status_Connecting");
        Messages.Status_Online = russian.getString("Status_Online");
        Messages.Status_Reconnecting = russian.getString("Status_Reconnecting");
        try {
            CLabel status = ui.find(TestIds.STATUS_CONNECTION, CLabel.class);
            String user = registerThroughUi("a_long_user_name_");
            String online = ConnectionStatusContribution.text(ConnectionState.ONLINE, user, server.address().host());
            ui.waitUntil("the status line says online in Russian", () -> status.getText().equals(online));
            assertShownInFull(status);
        } finally {
            Messages.Status_Offline = english[0];
            Messages.Status_Connecting = english[1];
            Messages.Status_Online = english[2];
            Messages.Status_Reconnecting = english[3];
        }
    }

    /**
     * Waits (the trim is laid out deferred) until the label is as wide as its text plus CLabel's margins, then checks
     * that every ancestor up to the shell holds its child whole.
     */
    private void assertShownInFull(CLabel label) {
        ui.waitUntil("the label is wide enough for its text", () -> label.getSize().x >= needed(label),
                UiRobot.TIMEOUT, () -> "'" + label.getText() + "' needs " + needed(label) + " px, has "
                        + label.getSize().x + "; " + ancestors(label));
        for (Control child = label; !(child instanceof Shell); child = child.getParent()) {
            Rectangle bounds = child.getBounds();
            Rectangle room = child.getParent().getClientArea();
            assertTrue(bounds.x >= 0 && bounds.x + bounds.width <= room.width,
                    child + " " + bounds + " lies within its parent's " + room + "; " + ancestors(label));
        }
    }

    /** What CLabel needs to draw its text unshortened: the text's extent in its font plus its margins. */
    private static int needed(CLabel label) {
        GC gc = new GC(label);
        try {
            gc.setFont(label.getFont());
            return gc.textExtent(label.getText(), SWT.DRAW_MNEMONIC | SWT.DRAW_TAB | SWT.DRAW_DELIMITER).x
                    + label.getLeftMargin() + label.getRightMargin();
        } finally {
            gc.dispose();
        }
    }

    /** Each widget from the label up to the shell with its bounds, preferred size and layout: what cut the text off. */
    private static String ancestors(Control control) {
        StringBuilder chain = new StringBuilder();
        for (Control c = control; c != null; c = c.getParent()) {
            chain.append(c.getClass().getSimpleName()).append(c.getBounds()).append(" pref ")
                    .append(c.computeSize(SWT.DEFAULT, SWT.DEFAULT)).append(" layout ")
                    .append(c instanceof Composite k && k.getLayout() != null ? k.getLayout().getClass().getSimpleName()
                            : "-")
                    .append(" < ");
        }
        return chain.toString();
    }
}
