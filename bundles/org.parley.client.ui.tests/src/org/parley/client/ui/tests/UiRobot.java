package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.MenuItem;
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
        waitUntil(what, condition, timeout, () -> "");
    }

    /** @param details what the failure message should add about the state the UI was in */
    void waitUntil(String what, BooleanSupplier condition, Duration timeout, Supplier<String> details) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toSeconds() + " s waiting until " + what + " " + details.get());
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

    /** Activates a shell and waits until the display reports it active (focus arrives asynchronously from X). */
    void activate(Shell shell) {
        shell.forceActive();
        waitUntil(shell.getText() + " is the active window", () -> display.getActiveShell() == shell, TIMEOUT,
                () -> "active: " + display.getActiveShell());
    }

    /** The widget with this test id; a visible one when there are several (e.g. the selected tab's table). */
    <T extends Widget> T find(String id, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Shell shell : display.getShells()) {
            collect(shell, id, type, found);
        }
        return found.stream().filter(w -> !(w instanceof Control c) || c.isVisible()).findFirst()
                .orElse(found.isEmpty() ? null : found.get(0));
    }

    <T extends Widget> T waitFor(String id, Class<T> type) {
        waitUntil("a " + type.getSimpleName() + " with id " + id + " exists", () -> find(id, type) != null);
        return find(id, type);
    }

    private static <T extends Widget> void collect(Widget widget, String id, Class<T> type, List<T> found) {
        if (widget.isDisposed()) {
            return;
        }
        if (id.equals(widget.getData(TestIds.KEY)) && type.isInstance(widget)) {
            found.add(type.cast(widget));
        }
        if (widget instanceof Control control && control.getMenu() != null) {
            // A control's own menu (the status line's account actions): its items are nobody's children.
            for (MenuItem item : control.getMenu().getItems()) {
                collect(item, id, type, found);
            }
        }
        if (widget instanceof CTabFolder folder) {
            for (Widget item : folder.getItems()) {
                collect(item, id, type, found);
            }
        }
        if (widget instanceof Composite composite) {
            for (Widget child : composite.getChildren()) {
                collect(child, id, type, found);
            }
        }
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

    /** Clicks a tab: selects it and tells the folder's listeners, as a click does. */
    void selectTab(CTabFolder folder, CTabItem tab) {
        folder.setSelection(tab);
        Event selection = new Event();
        selection.item = tab;
        folder.notifyListeners(SWT.Selection, selection);
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
