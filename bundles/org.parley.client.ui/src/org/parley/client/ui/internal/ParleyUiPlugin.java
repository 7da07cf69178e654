package org.parley.client.ui.internal;

import java.util.concurrent.TimeUnit;

import org.eclipse.ui.plugin.AbstractUIPlugin;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.ParleyClients;
import org.parley.client.ui.trust.DialogTrustPrompt;

/**
 * The UI bundle's activator. Owns the access to the one {@link ParleyClient} of this workbench: the core's OSGi
 * service when the core offers one, otherwise a client of our own kept in this bundle's state location.
 */
public final class ParleyUiPlugin extends AbstractUIPlugin {

    public static final String ID = "org.parley.client.ui";

    private static ParleyUiPlugin instance;

    private ServiceTracker<ParleyClient, ParleyClient> tracker;
    private ParleyClient client;
    /** Non-null only when we made the client ourselves and therefore must close it. */
    private ParleyClient ownClient;
    private ReconnectPolicy reconnectPolicy;

    public static ParleyUiPlugin getDefault() {
        return instance;
    }

    /** Shortcut for {@code getDefault().client()}. */
    public static ParleyClient client() {
        return instance.getClient();
    }

    @Override
    public void start(BundleContext context) throws Exception {
        super.start(context);
        instance = this;
        tracker = new ServiceTracker<>(context, ParleyClient.class, null);
        tracker.open();
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        try {
            if (reconnectPolicy != null) {
                reconnectPolicy.uninstall();
            }
            if (ownClient != null) {
                ownClient.close();
            }
            tracker.close();
        } finally {
            instance = null;
            super.stop(context);
        }
    }

    public synchronized ParleyClient getClient() {
        if (client == null) {
            client = lookUpService();
            if (client == null) {
                ownClient = ParleyClients.create(getStateLocation().append("client").toPath());
                client = ownClient;
            }
            // The UI owns the trust decision and the "reconnect" preference for the whole workbench.
            client.setTrustPrompt(new DialogTrustPrompt());
            reconnectPolicy = ReconnectPolicy.install(client, getPreferenceStore());
        }
        return client;
    }

    private ParleyClient lookUpService() {
        Bundle core = FrameworkUtil.getBundle(ParleyClients.class);
        if (core == null || core.getHeaders().get("Service-Component") == null) {
            return null;
        }
        try {
            // Loading ParleyClients above started the lazy core bundle; DS registers its component right after.
            return tracker.waitForService(TimeUnit.SECONDS.toMillis(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
