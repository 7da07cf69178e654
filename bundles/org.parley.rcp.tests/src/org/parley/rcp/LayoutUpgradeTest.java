package org.parley.rcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.parley.client.ui.views.ConversationsView;

/**
 * A window layout saved by an older Parley (no Conversations view) is reset once at start, so an upgrading user sees
 * the sidebar; a layout saved by this version is left as the user arranged it. Before, the restored old layout hid
 * the new view until the user found Window → Reset Perspective.
 */
class LayoutUpgradeTest {

    @Test
    void anOlderLayoutIsResetOnceAndACurrentOneIsKept() {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        IEclipsePreferences preferences = LayoutUpgrade.preferences();
        assertEquals(LayoutUpgrade.LAYOUT_VERSION, preferences.getInt(LayoutUpgrade.KEY, 0),
                "the application recorded the layout version at start");

        page.hideView(page.findView(ConversationsView.ID));
        assertNull(page.findView(ConversationsView.ID));
        assertFalse(LayoutUpgrade.apply(page, preferences), "a current layout is kept");
        assertNull(page.findView(ConversationsView.ID), "as the user left it");

        preferences.putInt(LayoutUpgrade.KEY, 1); // as saved by the Parley before the sidebar
        assertTrue(LayoutUpgrade.apply(page, preferences));
        assertNotNull(page.findView(ConversationsView.ID), "the sidebar is back after the upgrade's reset");
        assertEquals(LayoutUpgrade.LAYOUT_VERSION, preferences.getInt(LayoutUpgrade.KEY, 0));
    }
}
