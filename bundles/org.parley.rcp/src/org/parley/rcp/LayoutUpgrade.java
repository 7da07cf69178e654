package org.parley.rcp;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.ui.IWorkbenchPage;
import org.osgi.service.prefs.BackingStoreException;

/**
 * The workbench restores the window layout saved by the last run, so views an upgrade adds to the Parley perspective
 * (the Conversations sidebar) would stay hidden until the user found Window → Reset Perspective. A layout saved by an
 * older Parley is reset once at start; the user's own changes to a current layout are kept.
 */
final class LayoutUpgrade {
    /**
     * Raise when {@code ParleyPerspective} gains, loses or moves a view. 2: the Conversations view. 3: the Login view
     * is gone (a dialog now); a saved layout with it would keep an empty "could not create the view" part.
     */
    static final int LAYOUT_VERSION = 3;
    static final String KEY = "layoutVersion";
    /** Preferences of this bundle, in the workspace (the layout is saved there too). */
    private static final String NODE = "org.parley.rcp";

    private LayoutUpgrade() {
    }

    static IEclipsePreferences preferences() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }

    /** Resets {@code page}'s perspective if the layout is older than {@link #LAYOUT_VERSION}; true if it did. */
    static boolean apply(IWorkbenchPage page, IEclipsePreferences preferences) {
        if (preferences.getInt(KEY, 0) >= LAYOUT_VERSION) {
            return false;
        }
        if (page != null) {
            page.resetPerspective();
        }
        preferences.putInt(KEY, LAYOUT_VERSION);
        try {
            preferences.flush();
        } catch (BackingStoreException e) {
            // Not saved: the layout is reset again next time, which is harmless.
        }
        return page != null;
    }
}
