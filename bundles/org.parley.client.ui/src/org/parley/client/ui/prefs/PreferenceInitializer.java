package org.parley.client.ui.prefs;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.jface.preference.IPreferenceStore;
import org.parley.client.core.ServerAddress;
import org.parley.client.ui.internal.ParleyUiPlugin;

/** Defaults: the local server on Parley's port, reconnecting and notifications on. */
public class PreferenceInitializer extends AbstractPreferenceInitializer {

    @Override
    public void initializeDefaultPreferences() {
        IPreferenceStore store = ParleyUiPlugin.getDefault().getPreferenceStore();
        store.setDefault(PreferenceKeys.HOST, PreferenceKeys.DEFAULT_HOST);
        store.setDefault(PreferenceKeys.PORT, ServerAddress.DEFAULT_PORT);
        store.setDefault(PreferenceKeys.RECONNECT, true);
        store.setDefault(PreferenceKeys.NOTIFICATIONS, true);
        store.setDefault(PreferenceKeys.REMEMBER, false);
    }
}
