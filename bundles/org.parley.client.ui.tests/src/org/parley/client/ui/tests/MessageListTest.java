package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.core.commands.Command;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IWorkbenchCommandConstants;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;
import org.parley.client.core.Conversations;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TestIds;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Limits;

/**
 * The message list's links and copying against a real server: "Copy Link to Message" puts the message's
 * {@code parley://} link on the clipboard (a room's and a private conversation's), and the workbench's Edit > Copy
 * command (what the IDE's Edit menu and Ctrl+C run) copies the selected message.
 */
class MessageListTest extends ParleyUiTestBase {

    private static final String GENERAL = Limits.GENERAL_ROOM;
    private static final int TEXT = 2;

    @Test
    void copyLinkToMessageAndEditCopy() throws Exception {
        String alice = registerThroughUi("alice");
        HeadlessUser bob = person("bob");
        Table table = ui.waitFor(TestIds.CHAT_MESSAGES + GENERAL, Table.class);
        bob.client.send(GENERAL, "link me");
        ui.waitUntil("bob's message is shown", () -> UiRobot.column(table, TEXT).contains("link me"));
        int row = UiRobot.column(table, TEXT).indexOf("link me");
        select(table, row);
        long id = ((ChatMessage) table.getItem(row).getData()).id();

        runMenuItem(chatView().tabs().get(GENERAL).menu(), Messages.Chat_CopyLink);
        String base = "parley://" + server.address().host() + ":" + server.address().port() + "/";
        assertEquals(base + "%23general/" + id, clipboard());

        setClipboard("nothing yet");
        page().activate(chatView());
        table.setFocus();
        Command copy = page().getWorkbenchWindow().getService(ICommandService.class)
                .getCommand(IWorkbenchCommandConstants.EDIT_COPY);
        ui.waitUntil("the Chat view handles the copy command", copy::isHandled, UiRobot.TIMEOUT,
                () -> "active part: " + page().getActivePart());
        page().getWorkbenchWindow().getService(IHandlerService.class).executeCommand(IWorkbenchCommandConstants.EDIT_COPY, null);
        ui.waitUntil("Edit > Copy copied the selected message", () -> clipboard().endsWith(bob.name + ": link me"),
                UiRobot.TIMEOUT, () -> "clipboard=" + clipboard());

        bob.client.send("@" + alice, "a private one");
        String privateKey = Conversations.key("@" + bob.name);
        Table dm = ui.waitFor(TestIds.CHAT_MESSAGES + privateKey, Table.class);
        ui.waitUntil("the private message is shown", () -> UiRobot.column(dm, TEXT).contains("a private one"));
        int dmRow = UiRobot.column(dm, TEXT).indexOf("a private one");
        select(dm, dmRow);
        long dmId = ((ChatMessage) dm.getItem(dmRow).getData()).id();
        runMenuItem(chatView().tabs().get(privateKey).menu(), Messages.Chat_CopyLink);
        String a = alice.toLowerCase();
        String b = bob.name.toLowerCase();
        String pair = a.compareTo(b) <= 0 ? a + "+" + b : b + "+" + a;
        assertEquals(base + "@" + pair + "/" + dmId, clipboard(), "both people, sorted: the same link for either");
    }

    private static void select(Table table, int row) {
        table.setSelection(row);
        Event event = new Event();
        event.item = table.getItem(row);
        table.notifyListeners(SWT.Selection, event);
    }

    private static void runMenuItem(Menu menu, String text) {
        menu.notifyListeners(SWT.Show, new Event());
        try {
            for (MenuItem item : menu.getItems()) {
                if (item.getText().equals(text)) {
                    if (!item.isEnabled()) {
                        throw new AssertionError(text + " is disabled");
                    }
                    item.notifyListeners(SWT.Selection, new Event());
                    return;
                }
            }
            throw new AssertionError("no menu item " + text);
        } finally {
            menu.notifyListeners(SWT.Hide, new Event());
        }
    }

    private void setClipboard(String text) {
        Clipboard clipboard = new Clipboard(ui.display);
        try {
            clipboard.setContents(new Object[] {text}, new org.eclipse.swt.dnd.Transfer[] {TextTransfer.getInstance()});
        } finally {
            clipboard.dispose();
        }
    }

    private String clipboard() {
        Clipboard clipboard = new Clipboard(ui.display);
        try {
            Object text = clipboard.getContents(TextTransfer.getInstance());
            return text == null ? "" : (String) text;
        } finally {
            clipboard.dispose();
        }
    }
}
