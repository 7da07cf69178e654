package org.parley.client.ui.tests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.parley.client.ui.internal.TestIds;

/**
 * Answers the trust dialog like a user who compared the fingerprint. The dialog runs its own modal event loop
 * (inside the core's syncExec), where a test's waitUntil does not run, so this polls with timerExec, which does.
 */
final class TrustResponder implements Runnable {

    private static final int POLL_MILLIS = 100;

    private final Display display;
    /** The fingerprints the dialog showed, in order. */
    final List<String> shown = new CopyOnWriteArrayList<>();
    private volatile boolean accept = true;
    private volatile boolean stopped;

    private TrustResponder(Display display) {
        this.display = display;
    }

    static TrustResponder install(Display display) {
        TrustResponder responder = new TrustResponder(display);
        display.timerExec(POLL_MILLIS, responder);
        return responder;
    }

    void accept(boolean answer) {
        accept = answer;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        if (stopped || display.isDisposed()) {
            return;
        }
        for (Shell shell : display.getShells()) {
            if (!shell.isDisposed() && TestIds.TRUST_DIALOG.equals(shell.getData(TestIds.KEY))) {
                answer(shell);
            }
        }
        display.timerExec(POLL_MILLIS, this);
    }

    private void answer(Shell dialog) {
        Text fingerprint = ModalDriver.find(dialog, TestIds.TRUST_FINGERPRINT, Text.class);
        shown.add(fingerprint == null ? "" : fingerprint.getText());
        Button button = ModalDriver.button(dialog, accept ? IDialogConstants.OK_ID : IDialogConstants.CANCEL_ID);
        button.notifyListeners(SWT.Selection, new Event());
    }
}
