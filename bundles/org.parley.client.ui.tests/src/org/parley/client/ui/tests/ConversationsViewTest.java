package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.commands.Command;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.client.core.Conversations;
import org.parley.client.core.OutboxEntry;
import org.parley.client.core.UnreadCount;
import org.parley.client.ui.handlers.JoinRoomHandler;
import org.parley.client.ui.handlers.LeaveRoomHandler;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.views.ChatView;
import org.parley.client.ui.views.ConversationsView;
import org.parley.protocol.Limits;

/**
 * The Conversations view against a real server: counts the server kept while the user was away, the mention badge,
 * and reading in the Chat view clearing the badge here and in the user's other session.
 */
class ConversationsViewTest extends ParleyUiTestBase {

    private static final int NAME = 0;
    private static final int UNREAD = 1;
    private static final int MENTIONS = 2;

    @Test
    void aPrivateMessageSentWhileOfflineIsListedWithItsCountAfterLogin() throws Exception {
        String alice = account("alice");
        HeadlessUser bob = person("bob");
        bob.client.send("@" + alice, "while you were out");
        ui.waitUntil("bob's message is stored", () -> allSent(bob));
        String conversation = Conversations.key("@" + bob.name);

        logInThroughUi(alice);

        Table table = ui.find(TestIds.CONVERSATIONS_LIST, Table.class);
        ui.waitUntil("the private conversation is listed with 1 unread",
                () -> "1".equals(cell(table, conversation, UNREAD)), UiRobot.TIMEOUT, () -> describe(table));
        assertEquals("", cell(table, conversation, MENTIONS), "no mention badge");
        assertEquals(1, view().counts().get(conversation).unread());
        List<String> names = UiRobot.column(table, NAME);
        assertTrue(names.indexOf(Limits.GENERAL_ROOM) >= 0
                && names.indexOf(Limits.GENERAL_ROOM) < names.indexOf(conversation), "rooms come first: " + names);
    }

    @Test
    void privateMessagesFromWhileAwayPopUpAfterLogin() throws Exception {
        String alice = account("alice");
        HeadlessUser bob = person("bob");
        bob.client.send("@" + alice, "are you back?");
        ui.waitUntil("bob's message is stored", () -> allSent(bob));
        closePopups();

        logInThroughUi(alice);

        ui.waitUntil("a popup tells about bob's message", () -> ui.find(TestIds.NOTIFY_POPUP, Shell.class) != null,
                UiRobot.TIMEOUT, () -> "tabs=" + chatView().tabs().keySet() + " core=" + client().unreadCounts());
    }

    @Test
    void aMentionInARoomShowsTheMentionBadge() throws Exception {
        String alice = registerThroughUi("alice");
        HeadlessUser bob = person("bob");
        String room = "#mention" + System.nanoTime() % 100000;
        bob.client.join(room).get(30, TimeUnit.SECONDS);
        client().join(room).get(30, TimeUnit.SECONDS);
        Table table = ui.find(TestIds.CONVERSATIONS_LIST, Table.class);

        bob.client.send(room, "@" + alice + " can you look at this?");
        bob.client.send(room, "and this one mentions nobody");

        ui.waitUntil("two unread, one of them a mention", () -> "2".equals(cell(table, room, UNREAD))
                && "@1".equals(cell(table, room, MENTIONS)), UiRobot.TIMEOUT, () -> describe(table));
        UnreadCount count = view().counts().get(room);
        assertEquals(2, count.unread());
        assertEquals(1, count.mentions());
        screenshot("conversations.png");
    }

    @Test
    void openingAConversationClearsItsBadgeHereAndInTheOtherSession() throws Exception {
        String alice = registerThroughUi("alice");
        HeadlessUser otherSession = HeadlessUser.login(server.address(), alice, PASSWORD,
                tmp.resolve("people").resolve(alice + "-second-session"));
        people.add(otherSession);
        HeadlessUser bob = person("bob");
        String conversation = Conversations.key("@" + bob.name);
        Table table = ui.find(TestIds.CONVERSATIONS_LIST, Table.class);

        bob.client.send("@" + alice, "read me");

        ui.waitUntil("1 unread in the view", () -> "1".equals(cell(table, conversation, UNREAD)), UiRobot.TIMEOUT,
                () -> describe(table));
        ui.waitUntil("1 unread in the other session", () -> unread(otherSession, conversation) == 1);

        ui.activate(workbenchShell());
        ui.doubleClick(table, row(table, conversation));

        CTabFolder folder = ui.find(TestIds.CHAT_FOLDER, CTabFolder.class);
        ui.waitUntil("the chat shows the conversation", () -> folder.getSelection() != null
                && (TestIds.CHAT_TAB + conversation).equals(folder.getSelection().getData(TestIds.KEY)));
        ui.waitUntil("the badge is gone here", () -> cell(table, conversation, UNREAD).isEmpty()
                && view().counts().get(conversation).unread() == 0, UiRobot.TIMEOUT, () -> describe(table));
        ui.waitUntil("the other session's count went to 0", () -> unread(otherSession, conversation) == 0,
                UiRobot.TIMEOUT, () -> "other session: " + otherSession.client.unreadCounts());
    }

    /** As the IDE's views follow the editor: the list marks the conversation the Chat view shows. */
    @Test
    void theListMarksTheConversationTheChatShows() throws Exception {
        registerThroughUi("alice");
        HeadlessUser bob = person("bob");
        String conversation = Conversations.key("@" + bob.name);
        Table table = ui.find(TestIds.CONVERSATIONS_LIST, Table.class);

        ChatView.open(page(), conversation);
        ui.waitUntil("the private chat is marked", () -> marked(table).equals(List.of(conversation)), UiRobot.TIMEOUT,
                () -> "marked=" + marked(table) + " " + describe(table));

        CTabFolder folder = ui.find(TestIds.CHAT_FOLDER, CTabFolder.class);
        ui.selectTab(folder, ui.find(TestIds.CHAT_TAB + Limits.GENERAL_ROOM, CTabItem.class));
        assertEquals(List.of(Limits.GENERAL_ROOM), marked(table), "a click on a tab moves the mark");
    }

    @Test
    void readingInAnotherSessionClearsTheBadgeAndTheTabCountHere() throws Exception {
        String alice = registerThroughUi("alice");
        HeadlessUser otherSession = HeadlessUser.login(server.address(), alice, PASSWORD,
                tmp.resolve("people").resolve(alice + "-reader"));
        people.add(otherSession);
        HeadlessUser bob = person("bob");
        String conversation = Conversations.key("@" + bob.name);
        Table table = ui.find(TestIds.CONVERSATIONS_LIST, Table.class);

        bob.client.send("@" + alice, "read me elsewhere");

        CTabItem tab = ui.waitFor(TestIds.CHAT_TAB + conversation, CTabItem.class);
        ui.waitUntil("1 unread in the view and on the tab", () -> "1".equals(cell(table, conversation, UNREAD))
                && !tab.getText().equals(conversation), UiRobot.TIMEOUT, () -> describe(table) + " tab=" + tab.getText());
        ui.waitUntil("the other session has the message", () -> otherSession.hasReceived(conversation, "read me elsewhere"));
        long id = otherSession.received.stream().filter(r -> r.conversation().equals(conversation))
                .mapToLong(r -> r.message().id()).max().orElseThrow();

        otherSession.client.markRead(conversation, id).get(30, TimeUnit.SECONDS);

        ui.waitUntil("the badge and the tab count are gone here", () -> cell(table, conversation, UNREAD).isEmpty()
                && tab.getText().equals(conversation), UiRobot.TIMEOUT, () -> describe(table) + " tab=" + tab.getText());
    }

    @Test
    void leavingARoomRemovesItsRowAndTab() throws Exception {
        registerThroughUi("alice");
        String room = "#leave" + System.nanoTime() % 100000;
        execute(JoinRoomHandler.COMMAND, JoinRoomHandler.PARAM_ROOM, room);
        Table table = ui.find(TestIds.CONVERSATIONS_LIST, Table.class);
        ui.waitUntil("the room is listed", () -> row(table, room) >= 0, UiRobot.TIMEOUT, () -> describe(table));

        execute(LeaveRoomHandler.COMMAND, LeaveRoomHandler.PARAM_ROOM, room);

        ui.waitUntil("the room's row and tab are gone", () -> row(table, room) < 0
                && !chatView().tabs().containsKey(room), UiRobot.TIMEOUT, () -> describe(table));
        assertTrue(row(table, Limits.GENERAL_ROOM) >= 0, "#general stays");
    }

    /**
     * With PARLEY_SCREENSHOT_DIR set (an environment variable: the forked test runtime inherits it), saves the
     * workbench window as a PNG there, for docs/screenshots.
     */
    private void screenshot(String file) {
        String dir = System.getenv("PARLEY_SCREENSHOT_DIR");
        if (dir == null) {
            return;
        }
        ui.pump(java.time.Duration.ofMillis(500)); // let the window paint
        Shell shell = workbenchShell();
        Rectangle bounds = shell.getBounds();
        Image image = new Image(ui.display, bounds.width, bounds.height);
        GC gc = new GC(ui.display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
            ImageLoader saver = new ImageLoader();
            saver.data = new ImageData[] { image.getImageData() };
            saver.save(java.nio.file.Path.of(dir, file).toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    @AfterEach
    void closePopups() {
        for (Shell popup = ui.find(TestIds.NOTIFY_POPUP, Shell.class); popup != null;
                popup = ui.find(TestIds.NOTIFY_POPUP, Shell.class)) {
            popup.dispose();
        }
    }

    private static ConversationsView view() {
        return (ConversationsView) page().findView(ConversationsView.ID);
    }

    private static boolean allSent(HeadlessUser user) {
        return user.client.outbox().stream().allMatch(e -> e.status() == OutboxEntry.Status.SENT);
    }

    private static int unread(HeadlessUser user, String conversation) {
        return user.client.unreadCounts().getOrDefault(conversation, UnreadCount.NONE).unread();
    }

    private static List<String> marked(Table table) {
        List<String> names = new ArrayList<>();
        for (TableItem item : table.getSelection()) {
            names.add(item.getText(NAME));
        }
        return names;
    }

    private static int row(Table table, String conversation) {
        return UiRobot.column(table, NAME).indexOf(conversation);
    }

    /** The text of a column in a conversation's row, or null when it is not listed. */
    private static String cell(Table table, String conversation, int column) {
        int row = row(table, conversation);
        return row < 0 ? null : table.getItem(row).getText(column);
    }

    private static String describe(Table table) {
        List<String> rows = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            rows.add(item.getText(NAME) + "|" + item.getText(UNREAD) + "|" + item.getText(MENTIONS));
        }
        return "rows=" + rows + " model=" + view().counts() + " core=" + client().unreadCounts();
    }

    private static Shell workbenchShell() {
        return PlatformUI.getWorkbench().getWorkbenchWindows()[0].getShell(); // also while another shell is active
    }

    private static void execute(String command, String parameter, String value) throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        Command c = window.getService(ICommandService.class).getCommand(command);
        window.getService(IHandlerService.class)
                .executeCommand(ParameterizedCommand.generateCommand(c, Map.of(parameter, value)), null);
    }
}
