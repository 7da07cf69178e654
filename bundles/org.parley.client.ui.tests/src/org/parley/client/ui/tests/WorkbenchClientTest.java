package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Stream;

import org.eclipse.swt.widgets.Button;
import org.eclipse.ui.IViewPart;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.parley.client.core.ParleyClient;
import org.parley.client.ui.internal.ParleyUiPlugin;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.internal.WorkbenchClient;
import org.parley.client.ui.views.ChatView;
import org.parley.client.ui.views.ConversationsView;
import org.parley.client.ui.views.LoginDialog;
import org.parley.client.ui.views.OnlineUsersView;

/**
 * The views open before the core has offered its client (the core bundle is stopped while they open, and started
 * afterwards: the core as slow as it can be). They wait with the form disabled, nobody makes a client of their own,
 * and when the core's client comes every view uses it: one client, one state directory (one outbox, one
 * known-servers file) in the workbench.
 */
class WorkbenchClientTest extends ParleyUiTestBase {

    @Test
    void viewsOpenedBeforeTheCoreUseItsOneClientWhenItComes() throws Exception {
        Bundle core = FrameworkUtil.getBundle(ParleyClient.class);
        BundleContext context = FrameworkUtil.getBundle(WorkbenchClient.class).getBundleContext();
        for (String id : new String[] {ChatView.ID, OnlineUsersView.ID, ConversationsView.ID}) {
            IViewPart view = page().findView(id);
            if (view != null) {
                page().hideView(view);
            }
        }
        LoginDialog.current().ifPresent(LoginDialog::close);
        core.stop();
        try {
            showViews();
            while (ui.display.readAndDispatch()) {
                // everything the views and DS queued for the UI thread runs before we look
            }
            assertTrue(WorkbenchClient.current().isEmpty(), "no client before the core offers one");
            assertEquals(0, clients(context).size(), "no ParleyClient service anywhere");
            assertTrue(loginDialog().client().isEmpty(), "the login dialog waits for the core's client");
            assertFalse(ui.find(TestIds.LOGIN_BUTTON, Button.class).isEnabled(), "the form is disabled meanwhile");
        } finally {
            core.start();
        }

        ParleyClient client = client();
        ui.waitUntil("the login dialog has the core's client", () -> loginDialog().client().orElse(null) == client);
        assertEquals(1, clients(context).size(), "one client in the workbench");
        assertSame(client, context.getService(clients(context).iterator().next()));
        assertTrue(ui.find(TestIds.LOGIN_BUTTON, Button.class).isEnabled(), "the form works once the client is there");

        Path stateDir = Path.of(System.getProperty("parley.client.stateDir"));
        assertEquals(stateDir, client.stateDirectory(), "the core's configured state directory");
        String user = registerThroughUi("late");
        assertTrue(Files.exists(stateDir.resolve("known_servers")), "the trusted server is pinned in that directory");
        client.send("#general", "hello from " + user);
        Path uiState = ParleyUiPlugin.getDefault().getStateLocation().toPath();
        try (Stream<Path> files = Files.walk(uiState)) {
            assertEquals(0, files.filter(f -> f.endsWith("outbox.json") || f.endsWith("accounts") || f.endsWith("known_servers")).count(),
                    "no second outbox or known-servers file under the UI's state location " + uiState);
        }
        // The entry is written as its own file under the account's folder (the folder stays once the entry is sent).
        try (Stream<Path> accounts = Files.list(stateDir.resolve("accounts"))) {
            String owner = user.toLowerCase(java.util.Locale.ROOT) + "@";
            assertEquals(1, accounts.filter(a -> a.getFileName().toString().startsWith(owner)
                    && Files.isDirectory(a.resolve("outbox"))).count(), "the one outbox, the account's folder");
        }
    }

    private static LoginDialog loginDialog() {
        return LoginDialog.current().orElseThrow();
    }

    private static Collection<ServiceReference<ParleyClient>> clients(BundleContext context) throws Exception {
        return context.getServiceReferences(ParleyClient.class, null);
    }
}
