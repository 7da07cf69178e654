package org.parley.rcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.parley.client.ui.ParleyPerspective;
import org.parley.client.ui.views.ChatView;
import org.parley.client.ui.views.ConversationsView;
import org.parley.client.ui.views.LoginDialog;
import org.parley.client.ui.views.OnlineUsersView;

/** Runs inside the real Parley application (Tycho UI harness, under Xvfb in CI). */
class ParleyApplicationTest {

    @Test
    void opensTheParleyWindowInTheParleyPerspective() {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        assertNotNull(window, "a workbench window is open");
        Shell shell = window.getShell();
        assertTrue(shell.isVisible(), "the window is visible");
        assertEquals(ParleyWindowAdvisor.TITLE, shell.getText());
        IWorkbenchPage page = window.getActivePage();
        assertEquals(ParleyPerspective.ID, page.getPerspective().getId());
        assertNull(page.findView("org.parley.client.ui.views.login"), "no Login view taking room for the session");
        assertTrue(LoginDialog.current().isPresent(), "nobody is logged in: the login dialog opened at start");
        assertEquals(shell, LoginDialog.current().orElseThrow().getShell().getParent(), "over the Parley window");
        assertNotNull(page.findView(ChatView.ID), "chat view shown");
        assertNotNull(page.findView(OnlineUsersView.ID), "online users view shown");
        assertNotNull(page.findView(ConversationsView.ID), "conversations sidebar shown");
    }
}
