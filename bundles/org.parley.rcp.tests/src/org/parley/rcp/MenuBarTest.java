package org.parley.rcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.action.ActionContributionItem;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.parley.client.ui.views.ChatView;

/**
 * Issue 13, problem 1: the product's menu bar, driven through its real SWT menus inside the running application.
 * Before, the window had only the contributed Parley menu: a closed view could not be brought back, there was no
 * About and no Exit.
 */
class MenuBarTest {

    @Test
    void aClosedViewComesBackThroughWindowShowView() {
        IWorkbenchPage page = window().getActivePage();
        page.hideView(page.findView(ChatView.ID));
        assertNull(page.findView(ChatView.ID), "the chat view is closed");

        MenuItem showView = item(item(menuBar(), Messages.Menu_Window).getMenu(), Messages.Menu_ShowView);
        select(item(showView.getMenu(), "Parley Chat"));

        assertNotNull(page.findView(ChatView.ID), "Window > Show View > Parley Chat opened it again");
    }

    @Test
    void helpAboutShowsTheAboutDialog() {
        Display display = Display.getCurrent();
        List<String> seen = new ArrayList<>();
        closeDialogWhenOpen(display, seen, 400);
        select(item(item(menuBar(), Messages.Menu_Help).getMenu(), "About Parley"));
        assertEquals(List.of("About Parley"), seen, "the About dialog opened (and was closed by the test)");
    }

    @Test
    void fileExitIsThePlatformsExitCommand() {
        MenuItem exit = item(item(menuBar(), Messages.Menu_File).getMenu(), "Exit");
        assertTrue(exit.isEnabled());
        ActionContributionItem contribution = (ActionContributionItem) exit.getData();
        // Running it would end this test runtime; the product smoke test presses it for real.
        assertEquals("org.eclipse.ui.file.exit", contribution.getAction().getActionDefinitionId());
    }

    private static IWorkbenchWindow window() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow();
    }

    private static Menu menuBar() {
        Menu bar = window().getShell().getMenuBar();
        assertNotNull(bar, "the window has a menu bar");
        return bar;
    }

    /** The menu's item whose label (without mnemonic and accelerator) is {@code label}; fills the menu first. */
    private static MenuItem item(Menu menu, String label) {
        menu.notifyListeners(SWT.Show, new Event()); // JFace fills menus when they are about to show
        List<String> labels = new ArrayList<>();
        for (MenuItem item : menu.getItems()) {
            String text = plain(item.getText());
            labels.add(text);
            if (text.equals(plain(label))) {
                return item;
            }
        }
        return fail("no menu item " + plain(label) + " among " + labels);
    }

    private static String plain(String text) {
        int tab = text.indexOf('\t');
        return (tab >= 0 ? text.substring(0, tab) : text).replace("&", "").replace("...", "").strip();
    }

    private static void select(MenuItem item) {
        item.notifyListeners(SWT.Selection, new Event());
    }

    /** Closes the first dialog that opens (the About dialog runs its own event loop), noting its title. */
    private static void closeDialogWhenOpen(Display display, List<String> seen, int triesLeft) {
        display.timerExec(50, () -> {
            for (Shell shell : display.getShells()) {
                if (shell.isVisible() && shell != window().getShell() && shell.getText().startsWith("About")) {
                    seen.add(shell.getText());
                    shell.close();
                    return;
                }
            }
            if (triesLeft > 0) {
                closeDialogWhenOpen(display, seen, triesLeft - 1);
                return;
            }
            for (Shell shell : display.getShells()) { // bounded: whatever else opened must not block the test
                if (shell != window().getShell()) {
                    seen.add("other: " + shell.getText());
                    shell.close();
                }
            }
        });
    }
}
