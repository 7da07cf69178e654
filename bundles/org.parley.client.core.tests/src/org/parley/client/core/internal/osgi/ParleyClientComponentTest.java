package org.parley.client.core.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.ParleyClient;

/** Declarative Services offers exactly one ParleyClient, with its state where the configuration says. */
class ParleyClientComponentTest {

    @Test
    void theClientIsAnOsgiService() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(ParleyClient.class);
        if (bundle.getState() != Bundle.ACTIVE) {
            bundle.start();
        }
        BundleContext context = bundle.getBundleContext();
        ServiceTracker<ParleyClient, ParleyClient> tracker = new ServiceTracker<>(context, ParleyClient.class, null);
        tracker.open();
        try {
            ParleyClient client = tracker.waitForService(20_000);
            assertNotNull(client, "ParleyClient service registered by DS");
            assertEquals(ConnectionState.OFFLINE, client.state());
            assertEquals(1, tracker.getServiceReferences().length, "one client per framework");
            assertEquals(System.getProperty("parley.client.stateDir"), client.stateDirectory().toString());
            assertEquals("org.parley.client.core",
                    tracker.getServiceReference().getProperty("component.name"), "the service is the DS component");
        } finally {
            tracker.close();
        }
    }
}
