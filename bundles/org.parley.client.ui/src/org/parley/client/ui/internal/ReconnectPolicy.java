package org.parley.client.ui.internal;

import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.util.IPropertyChangeListener;
import org.eclipse.jface.util.PropertyChangeEvent;
import org.parley.client.core.ParleyClient;
import org.parley.client.ui.prefs.PreferenceKeys;

/**
 * Hands the "reconnect automatically" preference to the core's switch, at start and whenever the user changes it,
 * so turning it off also stops a reconnect already under way.
 */
final class ReconnectPolicy implements IPropertyChangeListener {

    private final ParleyClient client;
    private final IPreferenceStore store;

    private ReconnectPolicy(ParleyClient client, IPreferenceStore store) {
        this.client = client;
        this.store = store;
    }

    /** Returns the policy so the caller can {@link #uninstall()} it before the client is closed. */
    static ReconnectPolicy install(ParleyClient client, IPreferenceStore store) {
        ReconnectPolicy policy = new ReconnectPolicy(client, store);
        store.addPropertyChangeListener(policy);
        policy.apply();
        return policy;
    }

    void uninstall() {
        store.removePropertyChangeListener(this);
    }

    @Override
    public void propertyChange(PropertyChangeEvent event) {
        if (PreferenceKeys.RECONNECT.equals(event.getProperty())) {
            apply();
        }
    }

    private void apply() {
        client.setReconnect(store.getBoolean(PreferenceKeys.RECONNECT));
    }
}
