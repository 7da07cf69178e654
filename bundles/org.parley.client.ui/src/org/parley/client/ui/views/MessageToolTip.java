package org.parley.client.ui.views;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ColumnViewer;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.ViewerCell;
import org.eclipse.jface.window.ToolTip;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.parley.client.ui.internal.TestIds;

/**
 * The hover over a message row. JFace's default tooltip is a one-line {@code CLabel}, which would run a 2,000-character
 * message off the screen; this one wraps the whole text in a label at most {@link #WIDTH_CHARS} characters wide.
 */
final class MessageToolTip extends ColumnViewerToolTipSupport {

    static final int WIDTH_CHARS = 80;

    private MessageToolTip(ColumnViewer viewer) {
        super(viewer, ToolTip.NO_RECREATE, false);
    }

    static void install(ColumnViewer viewer) {
        new MessageToolTip(viewer);
    }

    @Override
    protected Composite createViewerToolTipContentArea(Event event, ViewerCell cell, Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(4, 3).applyTo(box);
        box.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_INFO_BACKGROUND));
        Label label = TestIds.tag(new Label(box, SWT.WRAP), TestIds.CHAT_TOOLTIP);
        label.setBackground(box.getBackground());
        label.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_INFO_FOREGROUND));
        label.setText(getText(event).replace("&", "&&"));
        GC gc = new GC(label);
        int max;
        try {
            max = (int) Math.ceil(gc.getFontMetrics().getAverageCharacterWidth() * WIDTH_CHARS);
        } finally {
            gc.dispose();
        }
        int natural = label.computeSize(SWT.DEFAULT, SWT.DEFAULT).x;
        GridDataFactory.fillDefaults().hint(Math.min(natural, max), SWT.DEFAULT).applyTo(label);
        return box;
    }
}
