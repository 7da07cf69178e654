package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TestIds;
import org.parley.protocol.Limits;

/** The Chat view with a second, headless client on the same real server. */
class ChatViewTest extends ParleyUiTestBase {

    private static final int TEXT = 2;
    private static final int FROM = 1;
    private static final int STATE = 3;
    private static final String GENERAL = Limits.GENERAL_ROOM;

    @Test
    void messageTypedInTheUiReachesAnotherClient() throws Exception {
        registerThroughUi("alice");
        HeadlessUser bob = person("bob");
        Text input = ui.waitFor(TestIds.CHAT_INPUT + GENERAL, Text.class);
        Table table = ui.find(TestIds.CHAT_MESSAGES + GENERAL, Table.class);

        input.setText("hello from the UI");
        ui.enter(input, false);

        assertEquals("", input.getText(), "Enter sent the text and cleared the input");
        ui.waitUntil("bob received it", () -> bob.hasReceived(GENERAL, "hello from the UI"));
        ui.waitUntil("the UI shows it as sent", () -> rowOf(table, "hello from the UI") >= 0
                && table.getItem(rowOf(table, "hello from the UI")).getText(STATE).isEmpty(), UiRobot.TIMEOUT,
                () -> describe(table));
    }

    @Test
    void messageFromAnotherClientAppearsInTheUi() throws Exception {
        registerThroughUi("alice");
        HeadlessUser bob = person("bob");
        Table table = ui.waitFor(TestIds.CHAT_MESSAGES + GENERAL, Table.class);

        bob.client.send(GENERAL, "hello from bob");

        ui.waitUntil("the UI shows bob's message", () -> rowOf(table, "hello from bob") >= 0, UiRobot.TIMEOUT,
                () -> describe(table));
        assertEquals(bob.name, table.getItem(rowOf(table, "hello from bob")).getText(FROM));
    }

    @Test
    void shiftEnterStartsANewLineInsteadOfSending() throws Exception {
        registerThroughUi("alice");
        HeadlessUser bob = person("bob");
        Text input = ui.waitFor(TestIds.CHAT_INPUT + GENERAL, Text.class);

        input.setText("first line");
        ui.enter(input, true);
        ui.pump(Duration.ofMillis(800));

        assertEquals("first line", input.getText(), "Shift+Enter kept the text in the input");
        assertTrue(client().outbox().isEmpty(), "nothing was sent");
        assertFalse(bob.hasReceived(GENERAL, "first line"));
    }

    @Test
    void unreadMessagesAreCountedOnTheirTab() throws Exception {
        String alice = registerThroughUi("alice");
        HeadlessUser bob = person("bob");
        ui.waitFor(TestIds.CHAT_TAB + GENERAL, CTabItem.class);

        bob.client.send("@" + alice, "psst 1");
        bob.client.send("@" + alice, "psst 2");

        String conversation = "@" + bob.name;
        CTabItem tab = ui.waitFor(TestIds.CHAT_TAB + conversation, CTabItem.class);
        ui.waitUntil("two unread on the tab", () -> tab.getText().equals(NLS.bind(Messages.Chat_Unread, conversation, 2)));

        CTabFolder folder = ui.find(TestIds.CHAT_FOLDER, CTabFolder.class);
        ui.selectTab(folder, tab);
        assertEquals(conversation, tab.getText(), "reading the tab clears its count");
    }

    @Test
    void olderHistoryLoadsWhenScrolledToTheTop() throws Exception {
        HeadlessUser bob = person("bob");
        String room = "#history" + System.nanoTime() % 100000;
        bob.client.join(room).get();
        int total = Limits.DEFAULT_HISTORY_LIMIT + 10;
        sendPaced(bob, room, total);
        String alice = registerThroughUi("alice");
        assertTrue(alice.startsWith("alice"));

        client().join(room).get();
        chatView().openConversation(room, true);
        Table table = ui.waitFor(TestIds.CHAT_MESSAGES + room, Table.class);
        ui.waitUntil("the newest page is shown", () -> table.getItemCount() == Limits.DEFAULT_HISTORY_LIMIT);
        assertEquals("history " + (total - 1), table.getItem(table.getItemCount() - 1).getText(TEXT));

        table.setTopIndex(0);
        table.getVerticalBar().notifyListeners(SWT.Selection, new Event());

        ui.waitUntil("older messages were loaded", () -> table.getItemCount() == total);
        List<String> texts = UiRobot.column(table, TEXT);
        assertEquals("history 0", texts.get(0));
        assertEquals("history " + (total - 1), texts.get(total - 1));
    }

    @Test
    void aMessageTheServerRefusesIsMarkedFailed() throws Exception {
        registerThroughUi("alice");
        String nobody = "@" + uniqueName("nobody");
        chatView().openConversation(nobody, true);
        Text input = ui.waitFor(TestIds.CHAT_INPUT + nobody, Text.class);
        Table table = ui.find(TestIds.CHAT_MESSAGES + nobody, Table.class);

        input.setText("anyone there?");
        ui.enter(input, false);

        String failedPrefix = NLS.bind(Messages.Chat_Failed, "").trim();
        ui.waitUntil("the message is marked failed", () -> rowOf(table, "anyone there?") >= 0
                && table.getItem(rowOf(table, "anyone there?")).getText(STATE).startsWith(failedPrefix),
                UiRobot.TIMEOUT, () -> "rows=" + UiRobot.column(table, STATE) + " outbox=" + client().outbox());
    }

    /** Stays under the server's flood limit (a burst of 30, then 10 per second). */
    private void sendPaced(HeadlessUser sender, String conversation, int count) {
        for (int i = 0; i < count; i++) {
            sender.client.send(conversation, "history " + i);
            if (i >= 20) {
                ui.pump(Duration.ofMillis(120));
            }
        }
        ui.waitUntil("all history messages stored", () -> sender.client.outbox().stream()
                .filter(e -> e.conversation().equals(conversation))
                .allMatch(e -> e.status() == org.parley.client.core.OutboxEntry.Status.SENT));
    }

    private String describe(Table table) {
        CTabFolder folder = ui.find(TestIds.CHAT_FOLDER, CTabFolder.class);
        StringBuilder children = new StringBuilder();
        for (var child : folder.getChildren()) {
            children.append(child.getClass().getSimpleName()).append(child.isVisible() ? "+" : "-").append(' ');
        }
        var tab = chatView().tabs().get(GENERAL);
        return "found table disposed=" + table.isDisposed() + " visible=" + table.isVisible() + " same as tab's="
                + (tab != null && tab.table() == table) + " rows=" + (table.isDisposed() ? List.of()
                        : UiRobot.column(table, TEXT)) + " tab's rows="
                + (tab == null ? "-" : UiRobot.column(tab.table(), TEXT)) + " tabs=" + chatView().tabs().keySet()
                + " items=" + folder.getItemCount() + " selected=" + folder.getSelection() + " folderVisible="
                + folder.isVisible() + " partVisible=" + page().isPartVisible(chatView()) + " children=" + children
                + " outbox=" + client().outbox();
    }

    static int rowOf(Table table, String text) {
        return UiRobot.column(table, TEXT).indexOf(text);
    }
}
