package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.client.ui.internal.TestIds;
import org.parley.protocol.Limits;

/**
 * The desktop notification follows the real window activation: another top-level window really active (as the
 * display reports it) means a popup for a new message from someone else; the Parley window active means none.
 */
class NotificationTest extends ParleyUiTestBase {

    private static final String GENERAL = Limits.GENERAL_ROOM;
    private static final int TEXT = 2;

    private Shell elsewhere;
    private HeadlessUser bob;

    @AfterEach
    void closeOtherWindowAndPopups() {
        if (elsewhere != null) {
            elsewhere.dispose();
        }
        closePopups();
        // Without a window manager nothing hands the activation back; later tests expect the workbench window active.
        workbenchShell().forceActive();
    }

    @Test
    void aMessageArrivingWhileAnotherWindowIsActiveShowsAPopup() throws Exception {
        Table general = aliceAndBobOnline();
        elsewhere = new Shell(ui.display);
        elsewhere.setText("another application");
        elsewhere.setSize(300, 200);
        elsewhere.open();
        ui.activate(elsewhere);
        assertNotEquals(workbenchShell(), ui.display.getActiveShell());

        bob.client.send(GENERAL, "while you were away");
        ui.waitUntil("the popup shows", () -> ui.find(TestIds.NOTIFY_POPUP, Shell.class) != null);
        ui.waitUntil("and the message is in the chat", () -> UiRobot.column(general, TEXT).contains("while you were away"));
    }

    @Test
    void aMessageArrivingWhileTheWindowIsActiveShowsNoPopup() throws Exception {
        Table general = aliceAndBobOnline();
        ui.activate(workbenchShell());
        closePopups();

        bob.client.send(GENERAL, "while you are here");
        // The view decides about the popup right after adding the row, on the same UI-thread run.
        ui.waitUntil("the message is in the chat", () -> UiRobot.column(general, TEXT).contains("while you are here"));
        assertNull(ui.find(TestIds.NOTIFY_POPUP, Shell.class), "no popup over the active window");
    }

    /** The UI logged in as alice, bob online headless; returns the general room's message table. */
    private Table aliceAndBobOnline() throws Exception {
        registerThroughUi("alice");
        bob = person("bob");
        return ui.waitFor(TestIds.CHAT_MESSAGES + GENERAL, Table.class);
    }

    private static Shell workbenchShell() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
    }

    private void closePopups() {
        for (Shell popup = ui.find(TestIds.NOTIFY_POPUP, Shell.class); popup != null;
                popup = ui.find(TestIds.NOTIFY_POPUP, Shell.class)) {
            popup.dispose();
        }
    }
}
