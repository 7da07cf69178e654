package org.parley.client.ui.internal;

import org.eclipse.swt.widgets.Control;

/**
 * Runs an action once typing pauses: each {@link #restart} puts it off by the delay again, so a burst of keys asks the
 * server once (the Online Users filter, {@code @} completion). UI thread only.
 */
public final class AfterPause {
    private final Control owner;
    private final int delayMs;
    private final Runnable action;
    private int edits;

    /** @param owner the action is dropped once it is disposed */
    public AfterPause(Control owner, int delayMs, Runnable action) {
        this.owner = owner;
        this.delayMs = delayMs;
        this.action = action;
    }

    /** Something was typed: the action runs {@code delayMs} after the last such call, unless the owner is gone. */
    public void restart() {
        int edit = ++edits;
        owner.getDisplay().timerExec(delayMs, () -> {
            if (!owner.isDisposed() && edit == edits) {
                action.run();
            }
        });
    }
}
