package org.parley.client.ui.handlers;

import java.util.function.Function;

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

    /**
     * The trimmed name typed, or null if the user cancelled. OK stays disabled while the field is empty (no message:
     * the user has not typed yet) or while {@code problem} has something to say about the text.
     */
    static String ask(Shell shell, String title, String prompt, Function<String, String> problem) {
        NameDialog dialog = new NameDialog(shell, title, prompt, text -> text.isBlank() ? "" : problem.apply(text));
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
