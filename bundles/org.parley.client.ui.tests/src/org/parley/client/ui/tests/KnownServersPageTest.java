package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.Test;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.prefs.KnownServersPreferencePage;

/**
 * Issue 13, problem 2: Window > Preferences > Parley > Known Servers lists the trusted servers and forgets one, so a
 * re-keyed server can be met as new again without editing a hidden file.
 */
class KnownServersPageTest extends ParleyUiTestBase {

    @Test
    void theKnownServersPageListsTheServerAndForgetsIt() throws Exception {
        registerThroughUi("pages");
        client().logout().get();
        String address = server.address().toString();
        assertEquals(server.fingerprint(), client().knownServers().get(server.address()), "pinned at first contact");

        String[] listed = new String[2];
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(null, KnownServersPreferencePage.ID,
                new String[] { KnownServersPreferencePage.ID }, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            Table table = ModalDriver.find(dialog.getShell(), TestIds.KNOWN_SERVERS_TABLE, Table.class);
            Button forget = ModalDriver.find(dialog.getShell(), TestIds.KNOWN_SERVERS_FORGET, Button.class);
            int row = -1;
            for (int i = 0; i < table.getItemCount(); i++) {
                if (table.getItem(i).getText(0).equals(address)) {
                    row = i;
                    listed[0] = table.getItem(i).getText(0);
                    listed[1] = table.getItem(i).getText(1);
                }
            }
            assertEquals(address, listed[0], "the server is listed");
            assertEquals(server.fingerprint(), listed[1], "with its fingerprint");
            assertFalse(forget.isEnabled(), "nothing selected, nothing to forget");

            table.setSelection(row);
            table.notifyListeners(SWT.Selection, new Event());
            assertTrue(forget.isEnabled());
            forget.notifyListeners(SWT.Selection, new Event());

            assertFalse(client().knownServers().containsKey(server.address()), "forgotten in the core");
            for (int i = 0; i < table.getItemCount(); i++) {
                assertFalse(table.getItem(i).getText(0).equals(address), "and gone from the list");
            }
        } finally {
            dialog.close();
        }
    }
}
