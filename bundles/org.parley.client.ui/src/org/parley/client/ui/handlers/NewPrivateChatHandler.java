package org.parley.client.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;
import org.parley.client.ui.internal.TypedAddresses;
import org.parley.client.ui.internal.Messages;
import org.parley.protocol.Limits;

/** "New Private Chat": asks for a username and opens the private conversation with them. */
public class NewPrivateChatHandler extends AbstractHandler {

    public static final String COMMAND = "org.parley.client.ui.commands.privateChat";
    /** Optional command parameter: the user to chat with. */
    public static final String PARAM_USER = "org.parley.client.ui.commands.privateChat.user";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        String typed = event.getParameter(PARAM_USER);
        if (typed == null) {
            typed = HandlerSupport.ask(window.getShell(), Messages.Private_Title, Messages.Private_Prompt,
                    text -> TypedAddresses.isUser(TypedAddresses.user(text)) ? null
                            : NLS.bind(Messages.Error_InvalidUsername, Limits.MIN_USERNAME, Limits.MAX_USERNAME));
        }
        if (typed != null && !TypedAddresses.user(typed).isEmpty()) {
            HandlerSupport.openConversation(window, TypedAddresses.privateWith(TypedAddresses.user(typed)));
        }
        return null;
    }
}
