package org.parley.client.ui.tests;

import java.util.function.Consumer;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.parley.client.ui.internal.TestIds;

/**
 * Acts once on a modal dialog as soon as it shows. The dialog's own event loop runs while the command that opened it
 * blocks the test, so a test's waitUntil cannot reach it; timerExec runs there. The action must only read widgets and
 * close the dialog (an exception would be swallowed by the dialog's loop and leave it open): the test asserts on what
 * it recorded after the command returns.
 */
final class ModalDriver implements Runnable {

    private static final int POLL_MILLIS = 50;

    private final Display display;
    private final String shellId;
    private final Consumer<Shell> action;
    private volatile boolean done;

    private ModalDriver(Display display, String shellId, Consumer<Shell> action) {
        this.display = display;
        this.shellId = shellId;
        this.action = action;
    }

    static ModalDriver when(Display display, String shellId, Consumer<Shell> action) {
        ModalDriver driver = new ModalDriver(display, shellId, action);
        display.timerExec(POLL_MILLIS, driver);
        return driver;
    }

    boolean done() {
        return done;
    }

    @Override
    public void run() {
        if (done || display.isDisposed()) {
            return;
        }
        for (Shell shell : display.getShells()) {
            if (!shell.isDisposed() && shell.isVisible() && shellId.equals(shell.getData(TestIds.KEY))) {
                done = true;
                action.accept(shell);
                return;
            }
        }
        display.timerExec(POLL_MILLIS, this);
    }

    /** The widget with this test id inside {@code root}, or null. */
    static <T extends Control> T find(Control root, String id, Class<T> type) {
        if (id.equals(root.getData(TestIds.KEY)) && type.isInstance(root)) {
            return type.cast(root);
        }
        if (root instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                T found = find(child, id, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The button with this JFace button id (dialogs keep it as the button's data), or null. */
    static Button button(Control root, int buttonId) {
        if (root instanceof Button b && Integer.valueOf(buttonId).equals(b.getData())) {
            return b;
        }
        if (root instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                Button found = button(child, buttonId);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
