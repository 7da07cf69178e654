package org.parley.rcp;

import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.parley.client.ui.ParleyPerspective;
import org.parley.client.ui.views.LoginDialog;

/**
 * Opens the Parley perspective first, remembers the window layout between runs (reset once after an upgrade), and
 * offers the login dialog at start while nobody is logged in, as chat applications open on their sign-in.
 */
class ParleyWorkbenchAdvisor extends WorkbenchAdvisor {

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        configurer.setSaveAndRestore(true);
    }

    @Override
    public void postStartup() {
        var window = getWorkbenchConfigurer().getWorkbench().getActiveWorkbenchWindow();
        LayoutUpgrade.apply(window == null ? null : window.getActivePage(), LayoutUpgrade.preferences());
        if (window != null) {
            LoginDialog.openUnlessLoggedIn(window.getShell());
        }
        StartupReport.writeIfRequested(getWorkbenchConfigurer().getWorkbench());
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return ParleyPerspective.ID;
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new ParleyWindowAdvisor(configurer);
    }
}
