package org.parley.client.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.parley.client.ui.views.LoginDialog;

/** "Log In...": opens the login dialog (or brings it to the front), where the server and the account are chosen. */
public class ConnectHandler extends AbstractHandler {

    public static final String COMMAND = "org.parley.client.ui.commands.connect";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        LoginDialog.open(HandlerUtil.getActiveWorkbenchWindowChecked(event).getShell());
        return null;
    }
}
