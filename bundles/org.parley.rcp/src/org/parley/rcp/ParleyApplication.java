package org.parley.rcp;

import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.service.datalocation.Location;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;

/** The Parley product's entry point: one workbench opening straight into the Parley perspective. */
public class ParleyApplication implements IApplication {
    /** The process's exit code when another Parley process holds the workspace. */
    static final Integer EXIT_WORKSPACE_IN_USE = 3;

    @Override
    public Object start(IApplicationContext context) throws Exception {
        Display display = PlatformUI.createDisplay();
        try {
            Location workspace = Platform.getInstanceLocation();
            if (!WorkspaceLock.acquire(workspace)) {
                String message = NLS.bind(Messages.WorkspaceInUse_Message, WorkspaceLock.describe(workspace));
                System.err.println("parley: " + message); // one line for whoever started it from a terminal
                MessageDialog.openError(null, Messages.WorkspaceInUse_Title, message);
                return EXIT_WORKSPACE_IN_USE;
            }
            int code = PlatformUI.createAndRunWorkbench(display, new ParleyWorkbenchAdvisor());
            return code == PlatformUI.RETURN_RESTART ? IApplication.EXIT_RESTART : IApplication.EXIT_OK;
        } finally {
            display.dispose();
        }
    }

    @Override
    public void stop() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        Display display = workbench.getDisplay();
        display.syncExec(() -> {
            if (!display.isDisposed()) {
                workbench.close();
            }
        });
    }
}
