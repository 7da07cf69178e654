package org.parley.client.ui.internal;

import org.eclipse.ui.plugin.AbstractUIPlugin;
import org.osgi.framework.BundleContext;

/**
 * The UI bundle's activator: its preference store, dialog settings and log. The workbench's client comes from the
 * core's service through {@link WorkbenchClient}.
 */
public final class ParleyUiPlugin extends AbstractUIPlugin {

    public static final String ID = "org.parley.client.ui";

    private static ParleyUiPlugin instance;

    public static ParleyUiPlugin getDefault() {
        return instance;
    }

    @Override
    public void start(BundleContext context) throws Exception {
        super.start(context);
        instance = this;
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        try {
            instance = null;
        } finally {
            super.stop(context);
        }
    }
}
