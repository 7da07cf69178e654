package org.parley.rcp;

import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/** A plain chat window: title, menu bar for the contributed commands, status line for the connection state. */
class ParleyWindowAdvisor extends WorkbenchWindowAdvisor {

    static final String TITLE = "Parley";

    ParleyWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        super(configurer);
    }

    @Override
    public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer configurer) {
        return new ParleyActionBarAdvisor(configurer);
    }

    @Override
    public void preWindowOpen() {
        IWorkbenchWindowConfigurer configurer = getWindowConfigurer();
        // Two sidebars beside the chat: at 1000 px their English titles ("Conversations", "Online Users") were cut.
        configurer.setInitialSize(new Point(1200, 750));
        configurer.setShowMenuBar(true);
        configurer.setShowCoolBar(false);
        configurer.setShowStatusLine(true);
        configurer.setShowPerspectiveBar(false);
        configurer.setTitle(TITLE);
    }
}
