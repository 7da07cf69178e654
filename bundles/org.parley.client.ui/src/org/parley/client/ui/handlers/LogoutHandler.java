package org.parley.client.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.parley.client.ui.internal.WorkbenchClient;
import org.parley.client.ui.views.LoginDialog;

/** "Log Out": ends the session; the views reset themselves when the state becomes OFFLINE. */
public class LogoutHandler extends AbstractHandler {

    public static final String COMMAND = "org.parley.client.ui.commands.logout";

    @Override
    public Object execute(ExecutionEvent event) {
        WorkbenchClient.current().ifPresent(client -> {
            LoginDialog.userLogsOut();
            client.logout();
        });
        return null;
    }
}
