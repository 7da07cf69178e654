package org.parley.client.ui.internal;

import org.eclipse.jface.preference.IPreferenceStore;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.ParleyListener;
import org.parley.client.ui.prefs.PreferenceKeys;

/**
 * Applies the "reconnect automatically" preference. The core always retries a lost link; when the user turned
 * reconnecting off we end the session as soon as the core starts retrying (the core API has no switch for it).
 */
final class ReconnectPolicy implements ParleyListener {

    private final ParleyClient client;
    private final IPreferenceStore store;

    private ReconnectPolicy(ParleyClient client, IPreferenceStore store) {
        this.client = client;
        this.store = store;
    }

    static void install(ParleyClient client, IPreferenceStore store) {
        // Runs on the core's event thread: nothing here touches widgets.
        client.addListener(new ReconnectPolicy(client, store), Runnable::run);
    }

    @Override
    public void stateChanged(ConnectionState state) {
        if (state == ConnectionState.RECONNECTING && !store.getBoolean(PreferenceKeys.RECONNECT)) {
            client.logout();
        }
    }
}
