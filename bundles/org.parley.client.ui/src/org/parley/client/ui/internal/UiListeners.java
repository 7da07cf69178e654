package org.parley.client.ui.internal;

import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.ParleyListener;
import org.parley.client.core.Registration;

/** Connects a widget's life to a client listener: events arrive on the UI thread and stop when the widget goes. */
public final class UiListeners {

    private UiListeners() {
    }

    public static void listen(ParleyClient client, Control owner, ParleyListener listener) {
        Display display = owner.getDisplay();
        Registration registration = client.addListener(listener, runnable -> {
            if (!display.isDisposed()) {
                display.asyncExec(() -> {
                    if (!owner.isDisposed()) {
                        runnable.run();
                    }
                });
            }
        });
        owner.addDisposeListener(e -> registration.close());
    }
}
