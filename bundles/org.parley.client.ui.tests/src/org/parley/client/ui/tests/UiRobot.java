package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Widget;
import org.parley.client.ui.internal.TestIds;

/**
 * Drives widgets the way a user would, on the UI thread: finds them by their test ids, fires the events their
 * listeners handle, and waits (pumping the event loop, bounded) for the UI to catch up.
 */
final class UiRobot {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    final Display display = Display.getCurrent();

    /** Pumps the event loop until the condition holds; a timeout fails the test instead of hanging it. */
    void waitUntil(String what, BooleanSupplier condition) {
        waitUntil(what, condition, TIMEOUT);
    }

    void waitUntil(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            if (!display.readAndDispatch()) {
                sleep(10);
            }
        }
    }

    /** Lets the UI run for a while (used to check that something does NOT happen). */
    void pump(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            if (!display.readAndDispatch()) {
                sleep(10);
            }
        }
    }

    <T extends Widget> T find(String id, Class<T> type) {
        for (Shell shell : display.getShells()) {
            Widget found = find(shell, id);
            if (type.isInstance(found)) {
                return type.cast(found);
            }
        }
        return null;
    }

    <T extends Widget> T waitFor(String id, Class<T> type) {
        waitUntil("a " + type.getSimpleName() + " with id " + id + " exists", () -> find(id, type) != null);
        return find(id, type);
    }

    private static Widget find(Widget widget, String id) {
        if (widget.isDisposed()) {
            return null;
        }
        if (id.equals(widget.getData(TestIds.KEY))) {
            return widget;
        }
        List<Widget> children = new ArrayList<>();
        if (widget instanceof CTabFolder folder) {
            children.addAll(List.of(folder.getItems()));
        }
        if (widget instanceof Composite composite) {
            children.addAll(List.of(composite.getChildren()));
        }
        for (Widget child : children) {
            Widget found = find(child, id);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    void click(Button button) {
        if ((button.getStyle() & SWT.CHECK) != 0) {
            button.setSelection(!button.getSelection());
        }
        button.notifyListeners(SWT.Selection, new Event());
    }

    void type(String id, String text) {
        find(id, Text.class).setText(text);
    }

    /** Presses Enter (or Shift+Enter) in a text field as the keyboard would report it. */
    void enter(Text text, boolean shift) {
        Event event = new Event();
        event.keyCode = SWT.CR;
        event.character = SWT.CR;
        event.stateMask = shift ? SWT.SHIFT : 0;
        event.doit = true;
        text.notifyListeners(SWT.KeyDown, event);
    }

    /** Selects a row and double-clicks it (SWT reports a double-click as DefaultSelection). */
    void doubleClick(Table table, int row) {
        table.setSelection(row);
        table.notifyListeners(SWT.Selection, itemEvent(table.getItem(row)));
        table.notifyListeners(SWT.DefaultSelection, itemEvent(table.getItem(row)));
    }

    private static Event itemEvent(TableItem item) {
        Event event = new Event();
        event.item = item;
        return event;
    }

    /** The texts of one column, materialising virtual rows as a scrolling user would. */
    static List<String> column(Table table, int column) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < table.getItemCount(); i++) {
            texts.add(table.getItem(i).getText(column));
        }
        return texts;
    }

    static String text(Control control) {
        return control instanceof Text t ? t.getText()
                : control instanceof org.eclipse.swt.widgets.Label l ? l.getText()
                : control instanceof org.eclipse.swt.custom.CLabel c ? c.getText() : String.valueOf(control);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
