package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.Test;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TestIds;
import org.parley.protocol.Limits;

/**
 * Long and multi-line messages (issue 13, problem 5): the row is a one-line summary that says there is more, the
 * selected message shows in full under the table, Ctrl+C and the context menu's Copy copy it whole, and the hover
 * shows all of it. Both messages come from another client through the real server.
 */
class MessageTextTest extends ParleyUiTestBase {

    private static final int TEXT = 2;
    private static final String GENERAL = Limits.GENERAL_ROOM;
    private static final String THREE_LINES = "first line of three\nsecond line, with `code`\nthird line";
    /** 2,000 characters on one line, words of 10, so a wrapping hover has places to break. */
    private static final String LONG = IntStream.range(0, 200).mapToObj(i -> String.format("word%05d", i))
            .collect(Collectors.joining(" ")).substring(0, 1999) + "!";

    @Test
    void longAndMultiLineMessagesCanBeReadAndCopiedWhole() throws Exception {
        assertEquals(2000, LONG.length());
        registerThroughUi("alice");
        HeadlessUser bob = person("bob");
        Table table = ui.waitFor(TestIds.CHAT_MESSAGES + GENERAL, Table.class);

        bob.client.send(GENERAL, THREE_LINES);
        bob.client.send(GENERAL, LONG);
        ui.waitUntil("both messages are shown", () -> rowStarting(table, "first line of three") >= 0
                && rowStarting(table, "word00000") >= 0, UiRobot.TIMEOUT, () -> "rows=" + UiRobot.column(table, TEXT));
        int multi = rowStarting(table, "first line of three");
        int longRow = rowStarting(table, "word00000");

        // (a) the row is the first line, marked as having more
        assertEquals("first line of three\u2026 " + NLS.bind(Messages.Chat_MoreLines, 2), table.getItem(multi).getText(TEXT));
        String longShown = table.getItem(longRow).getText(TEXT);
        assertTrue(longShown.endsWith("\u2026") && longShown.length() < LONG.length(), longShown);
        assertTrue(LONG.startsWith(longShown.substring(0, longShown.length() - 1)), longShown);

        // (b) selecting a row shows the whole text, newlines kept, in the read-only area under the table
        StyledText detail = ui.find(TestIds.CHAT_DETAIL + GENERAL, StyledText.class);
        assertNotNull(detail);
        assertTrue(!detail.getEditable() && (detail.getStyle() & SWT.WRAP) != 0, "read-only and wrapping");
        select(table, multi);
        assertEquals(THREE_LINES, detail.getText());
        assertEquals(3, detail.getLineCount());
        StyleRange code = detail.getStyleRangeAtOffset(THREE_LINES.indexOf("`code`") + 1);
        assertTrue(code != null && code.font == JFaceResources.getTextFont(), "`code` is in the monospace text font");
        assertTrue(detail.getStyleRangeAtOffset(0) == null, "prose is in the normal font");
        select(table, longRow);
        assertEquals(LONG, detail.getText());

        // (c) Ctrl+C on the table, and Copy in its context menu, put sender, time and the whole text on the clipboard
        select(table, multi);
        // As a user would: the Chat view active, the focus in the table. The workbench's key filter sends Ctrl+C to
        // the focus control's own copy() (WidgetMethodHandler) when it has one, e.g. the Login view's host field.
        page().activate(chatView());
        ui.waitUntil("the message table has the focus", () -> {
            if (!table.isFocusControl()) {
                table.getShell().forceActive();
                table.setFocus();
            }
            return table.isFocusControl();
        }, UiRobot.TIMEOUT,
                () -> "focus=" + ui.display.getFocusControl());
        Event ctrlC = new Event();
        ctrlC.keyCode = 'c';
        ctrlC.character = (char) 3;
        ctrlC.stateMask = SWT.MOD1;
        ctrlC.doit = true;
        table.notifyListeners(SWT.KeyDown, ctrlC);
        String threeCopied = THREE_LINES.replace("\n", System.lineSeparator());
        // The X selection may take a round of the event loop to change owner: wait for it, bounded, no sleeps.
        ui.waitUntil("Ctrl+C put the message on the clipboard", () -> copiedIs(bob.name, threeCopied), UiRobot.TIMEOUT,
                () -> "clipboard=" + clipboard() + " selection=" + table.getSelectionCount());

        select(table, longRow);
        setClipboard("nothing yet");
        Menu menu = chatView().tabs().get(GENERAL).menu();
        menu.notifyListeners(SWT.Show, new Event());
        MenuItem copy = menu.getItem(0);
        assertEquals(Messages.Chat_Copy, copy.getText());
        assertTrue(copy.isEnabled());
        copy.notifyListeners(SWT.Selection, new Event());
        menu.notifyListeners(SWT.Hide, new Event());
        ui.waitUntil("Copy put the message on the clipboard", () -> copiedIs(bob.name, LONG), UiRobot.TIMEOUT,
                () -> "clipboard=" + clipboard());

        // (d) hovering a row shows the whole message (and who sent it), wrapped to a readable width
        for (int row : new int[] {longRow, multi}) {
            String expected = row == longRow ? LONG : THREE_LINES;
            Label tip = hover(table, row);
            assertTrue(tip.getText().endsWith(expected) && tip.getText().startsWith(bob.name), tip.getText());
            assertTrue(tip.getSize().x < table.getDisplay().getBounds().width,
                    "the hover wraps: " + tip.getSize().x + " px wide");
            table.notifyListeners(SWT.MouseExit, new Event());
            ui.waitUntil("the hover is gone", () -> tip.isDisposed() || !tip.isVisible());
        }
    }

    private boolean copiedIs(String sender, String text) {
        String copied = clipboard();
        return copied != null && copied.contains(sender) && copied.endsWith(text);
    }

    private static int rowStarting(Table table, String prefix) {
        for (int i = 0; i < table.getItemCount(); i++) {
            if (table.getItem(i).getText(TEXT).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static void select(Table table, int row) {
        table.setSelection(row);
        Event event = new Event();
        event.item = table.getItem(row);
        table.notifyListeners(SWT.Selection, event);
    }

    private Label hover(Table table, int row) {
        table.showItem(table.getItem(row));
        ui.pump(java.time.Duration.ofMillis(100)); // let the table lay out the scrolled rows
        Rectangle cell = table.getItem(row).getBounds(TEXT);
        Event event = new Event();
        event.x = cell.x + Math.min(20, cell.width / 2);
        event.y = cell.y + cell.height / 2;
        table.notifyListeners(SWT.MouseHover, event);
        ui.waitUntil("the hover of row " + row + " shows", () -> {
            Label tip = ui.find(TestIds.CHAT_TOOLTIP, Label.class);
            return tip != null && !tip.isDisposed() && tip.isVisible();
        }, UiRobot.TIMEOUT, () -> "cell=" + cell);
        return ui.find(TestIds.CHAT_TOOLTIP, Label.class);
    }

    private void setClipboard(String text) {
        Clipboard clipboard = new Clipboard(ui.display);
        try {
            clipboard.setContents(new Object[] {text}, new Transfer[] {TextTransfer.getInstance()});
        } finally {
            clipboard.dispose();
        }
    }

    private String clipboard() {
        Clipboard clipboard = new Clipboard(ui.display);
        try {
            return (String) clipboard.getContents(TextTransfer.getInstance());
        } finally {
            clipboard.dispose();
        }
    }
}
