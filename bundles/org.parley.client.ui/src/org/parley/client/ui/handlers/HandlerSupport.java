package org.parley.client.ui.handlers;

import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.parley.client.ui.internal.FriendlyErrors;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.ParleyUiPlugin;
import org.parley.client.ui.views.ChatView;

/** What the handlers share: asking for a name, opening a conversation, telling the user about a failure. */
final class HandlerSupport {

    private HandlerSupport() {
    }

    /** The trimmed name typed, or null if the user cancelled or typed nothing. */
    static String ask(Shell shell, String title, String prompt) {
        InputDialog dialog = new InputDialog(shell, title, prompt, "", text -> text.isBlank() ? "" : null);
        if (dialog.open() != Window.OK) {
            return null;
        }
        return dialog.getValue().trim();
    }

    static void openConversation(IWorkbenchWindow window, String conversation) {
        try {
            ChatView.open(window.getActivePage(), conversation);
        } catch (PartInitException e) {
            ParleyUiPlugin.getDefault().getLog().error(e.getMessage(), e);
        }
    }

    static void showFailure(Shell shell, Throwable failure) {
        MessageDialog.openError(shell, Messages.Command_Failed, FriendlyErrors.message(failure));
    }
}
