package org.parley.client.ui.handlers;

import org.eclipse.jface.dialogs.IInputValidator;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.parley.client.ui.internal.TestIds;

/**
 * JFace's input dialog with test ids on its shell, input, error line and OK button, so UI tests can drive the real
 * dialog without depending on label texts (which change with the locale).
 */
final class NameDialog extends InputDialog {

    NameDialog(Shell shell, String title, String prompt, IInputValidator validator) {
        super(shell, title, prompt, "", validator);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        TestIds.tag(shell, TestIds.NAME_DIALOG);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        TestIds.tag(getText(), TestIds.NAME_INPUT);
        // InputDialog keeps its error line private; it is the other Text of the area.
        for (Control child : area.getChildren()) {
            if (child instanceof Text text && text != getText()) {
                TestIds.tag(text, TestIds.NAME_ERROR);
            }
        }
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        TestIds.tag(getOkButton(), TestIds.NAME_OK);
    }
}
