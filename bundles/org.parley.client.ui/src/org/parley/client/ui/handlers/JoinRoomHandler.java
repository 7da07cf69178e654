package org.parley.client.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;
import org.parley.client.core.ParleyClient;
import org.parley.client.ui.internal.TypedAddresses;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.UiListeners;
import org.parley.client.ui.internal.WorkbenchClient;

/** "Join Room": asks for a name, joins (or creates) the room on the server, then opens its tab. */
public class JoinRoomHandler extends AbstractHandler {

    public static final String COMMAND = "org.parley.client.ui.commands.joinRoom";
    /** Optional command parameter: the room, so tests and key-binding users can skip the dialog. */
    public static final String PARAM_ROOM = "org.parley.client.ui.commands.joinRoom.room";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        ParleyClient client = WorkbenchClient.current().orElse(null);
        if (client == null) {
            return null; // the core has not offered its client yet: there is no session to join a room in
        }
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        Shell shell = window.getShell();
        String typed = event.getParameter(PARAM_ROOM);
        if (typed == null) {
            typed = HandlerSupport.ask(shell, Messages.Join_Title, Messages.Join_Prompt,
                    text -> TypedAddresses.isRoom(TypedAddresses.room(text)) ? null
                            : NLS.bind(Messages.Join_Invalid, TypedAddresses.MAX_ROOM));
        }
        if (typed == null) {
            return null;
        }
        String room = TypedAddresses.room(typed);
        client.join(room).whenCompleteAsync((ok, failure) -> {
            if (failure != null) {
                HandlerSupport.showFailure(shell, failure);
            } else {
                HandlerSupport.openConversation(window, room);
            }
        }, UiListeners.uiThread(shell));
        return null;
    }
}
