package org.parley.client.ui.trust;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.parley.client.core.ServerIdentity;
import org.parley.client.core.TrustPrompt;

/**
 * Asks the user, in a modal dialog, whether to trust a server seen for the first time. The core calls this on its
 * worker thread and waits for the answer, so blocking in {@link Display#syncExec} is what it expects.
 */
public final class DialogTrustPrompt implements TrustPrompt {

    @Override
    public boolean trustNewServer(ServerIdentity identity) {
        if (!PlatformUI.isWorkbenchRunning()) {
            return false;
        }
        Display display = PlatformUI.getWorkbench().getDisplay();
        AtomicBoolean trusted = new AtomicBoolean();
        display.syncExec(() -> trusted.set(new TrustDialog(parentShell(display), identity).open() == Window.OK));
        return trusted.get();
    }

    private static Shell parentShell(Display display) {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        if (window != null) {
            return window.getShell();
        }
        return display.getActiveShell();
    }
}
