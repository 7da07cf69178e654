package org.parley.client.ui.internal;

import java.util.concurrent.Executor;

import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.ParleyListener;
import org.parley.client.core.Registration;

/** Connects a widget's life to the core: events and replies arrive on the UI thread and stop when the widget goes. */
public final class UiListeners {

    private UiListeners() {
    }

    /** Registers a listener until {@code owner} is disposed. */
    public static void listen(ParleyClient client, Control owner, ParleyListener listener) {
        Registration registration = client.addListener(listener, uiThread(owner));
        owner.addDisposeListener(e -> registration.close());
    }

    /**
     * An executor for {@code thenAcceptAsync} and listeners: runs on the UI thread, and not at all once the widget is
     * disposed (a reply may come after its view was closed).
     */
    public static Executor uiThread(Control owner) {
        Display display = owner.getDisplay();
        return runnable -> {
            if (!display.isDisposed()) {
                display.asyncExec(() -> {
                    if (!owner.isDisposed()) {
                        runnable.run();
                    }
                });
            }
        };
    }
}
