package org.parley.client.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;
import org.parley.client.core.Conversations;
import org.parley.client.core.ParleyClient;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TypedAddresses;
import org.parley.client.ui.internal.UiListeners;
import org.parley.client.ui.internal.WorkbenchClient;
import org.parley.client.ui.views.ChatView;
import org.parley.client.ui.views.ConversationsView;
import org.parley.protocol.Limits;

/**
 * "Leave Room": the room named by the parameter, else the room selected in the Conversations view, else asks. After
 * the server's ok the room's tab closes and it leaves the Conversations view. {@code #general} cannot be left.
 */
public class LeaveRoomHandler extends AbstractHandler {

    public static final String COMMAND = "org.parley.client.ui.commands.leaveRoom";
    /** Optional command parameter: the room to leave. */
    public static final String PARAM_ROOM = "org.parley.client.ui.commands.leaveRoom.room";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        ParleyClient client = WorkbenchClient.current().orElse(null);
        if (client == null) {
            return null;
        }
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        Shell shell = window.getShell();
        String typed = event.getParameter(PARAM_ROOM);
        if (typed == null) {
            typed = selectedRoom(HandlerUtil.getCurrentSelection(event));
        }
        if (typed == null) {
            typed = HandlerSupport.ask(shell, Messages.Leave_Title, Messages.Leave_Prompt,
                    text -> TypedAddresses.isRoom(TypedAddresses.room(text)) ? null
                            : NLS.bind(Messages.Join_Invalid, TypedAddresses.MAX_ROOM));
        }
        if (typed == null) {
            return null;
        }
        String room = Conversations.key(TypedAddresses.room(typed));
        client.leave(room).whenCompleteAsync((ok, failure) -> {
            if (failure != null) {
                HandlerSupport.showFailure(shell, failure);
                return;
            }
            IWorkbenchPage page = window.getActivePage();
            if (page != null && page.findView(ChatView.ID) instanceof ChatView chat) {
                chat.closeConversation(room);
            }
            ConversationsView.leftRoom(page, room);
        }, UiListeners.uiThread(shell));
        return null;
    }

    /** The selected row of the Conversations view, if it is a room that can be left. */
    private static String selectedRoom(ISelection selection) {
        if (selection instanceof IStructuredSelection structured && structured.getFirstElement() instanceof String c
                && Conversations.isRoom(c) && !c.equalsIgnoreCase(Limits.GENERAL_ROOM)) {
            return c;
        }
        return null;
    }
}
