package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.jface.fieldassist.IContentProposal;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.ParleyUiPlugin;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.prefs.PreferenceKeys;
import org.parley.client.ui.views.ConversationTab;
import org.parley.protocol.Limits;

/**
 * Mentions in the UI against a real server: {@code @name} completes from the users the UI knows, a message mentioning
 * the user stands out in the list (and the user's own messages differently), a mention pops up a notification even
 * with notifications turned off, and clicking the popup opens the conversation.
 */
class MentionsUiTest extends ParleyUiTestBase {

    private static final String GENERAL = Limits.GENERAL_ROOM;
    private static final int TIME = 0;
    private static final int FROM = 1;
    private static final int TEXT = 2;

    private Shell elsewhere;

    @AfterEach
    void closeOtherWindowAndPopups() {
        if (elsewhere != null) {
            elsewhere.dispose();
        }
        closePopups();
        ParleyUiPlugin.getDefault().getPreferenceStore().setToDefault(PreferenceKeys.NOTIFICATIONS);
        workbenchShell().forceActive();
    }

    @Test
    void mentionsStandOutOwnMessagesDifferAndASendersRunNamesThemOnce() throws Exception {
        String alice = registerThroughUi("alice");
        HeadlessUser bob = person("bob");
        Table table = ui.waitFor(TestIds.CHAT_MESSAGES + GENERAL, Table.class);

        bob.client.send(GENERAL, "plain words from bob");
        bob.client.send(GENERAL, "@" + alice.toUpperCase() + " can you review this?");
        ui.waitUntil("bob's messages are shown", () -> row(table, "can you review this?") >= 0);
        Text input = ui.find(TestIds.CHAT_INPUT + GENERAL, Text.class);
        input.setText("sure, looking");
        ui.enter(input, false);
        ui.waitUntil("alice's message is stored", () -> row(table, "sure, looking") >= 0
                && table.getItem(row(table, "sure, looking")).getText(3).isEmpty());

        int plain = row(table, "plain words from bob");
        int mention = row(table, "can you review this?");
        int mine = row(table, "sure, looking");
        Color normal = table.getItem(plain).getBackground(TEXT);
        Color mentionColor = table.getItem(mention).getBackground(TEXT);
        Color mineColor = table.getItem(mine).getBackground(TEXT);
        assertEquals(table.getBackground(), normal, "an ordinary row has the table's background");
        assertNotEquals(normal, mentionColor, "a mention stands out");
        assertNotEquals(normal, mineColor, "own messages are distinguished");
        assertNotEquals(mentionColor, mineColor, "and differently from mentions");

        assertEquals(bob.name, table.getItem(plain).getText(FROM));
        assertEquals("", table.getItem(mention).getText(FROM), "bob's second message continues his group");
        assertEquals(alice, table.getItem(mine).getText(FROM));
        assertTrue(table.getItem(0).getText(TIME).startsWith(Messages.Chat_Today + ", "),
                "the day's first row says which day: " + table.getItem(0).getText(TIME));
        assertTrue(!table.getItem(mine).getText(TIME).startsWith(Messages.Chat_Today), "later rows only the time");
    }

    @Test
    void atCompletesNamesOfKnownUsers() throws Exception {
        HeadlessUser bob = person("bob");
        HeadlessUser bobby = person("bobcat");
        registerThroughUi("alice");
        ui.waitFor(TestIds.CHAT_MESSAGES + GENERAL, Table.class);
        ConversationTab tab = chatView().tabs().get(GENERAL);
        assertTrue(new String(tab.assist().getAutoActivationCharacters()).contains("@"), "typing @ opens the list");

        String typed = "hi @bo";
        ui.waitUntil("both online users are offered", () -> labels(tab, typed, typed.length()).length == 2,
                UiRobot.TIMEOUT, () -> Arrays.toString(labels(tab, typed, typed.length())));
        String[] offered = labels(tab, typed, typed.length());
        Arrays.sort(offered);
        String[] expected = {"@" + bob.name, "@" + bobby.name};
        Arrays.sort(expected);
        assertArrayEquals(expected, offered);

        String narrowed = "hi @" + bob.name.toUpperCase();
        IContentProposal[] one = tab.mentions().getProposals(narrowed, narrowed.length());
        assertEquals(1, one.length);
        assertEquals(" ", one[0].getContent(), "the whole name is typed: only the space is left to insert");
        IContentProposal[] start = tab.mentions().getProposals("@bo", 3);
        assertEquals(bob.name.substring(2) + " ", Arrays.stream(start)
                .filter(p -> p.getLabel().equals("@" + bob.name)).findFirst().orElseThrow().getContent());
        assertEquals(0, tab.mentions().getProposals("mail bob@bo", 11).length, "an e-mail address is no mention");
    }

    /**
     * Someone who logged in after the window's listing, never wrote and was never written to is completed too: what is
     * typed after {@code @} is asked of the server.
     */
    @Test
    void atCompletesSomeoneOnlineTheWindowHasNotSeen() throws Exception {
        HeadlessUser hank = person("hank");
        registerThroughUi("alice");
        ui.waitFor(TestIds.CHAT_MESSAGES + GENERAL, Table.class);
        ConversationTab tab = chatView().tabs().get(GENERAL);
        String hanks = "@" + hank.name;
        ui.waitUntil("the login's listing (hank in it) has arrived", () -> labels(tab, hanks, hanks.length()).length == 1);
        HeadlessUser gina = person("gina");

        Text input = ui.find(TestIds.CHAT_INPUT + GENERAL, Text.class);
        ui.activate(input.getShell());
        input.setFocus();
        String typed = "hi @" + gina.name.toUpperCase();
        input.setText(typed);
        input.setSelection(typed.length());
        ui.waitUntil("gina is offered", () -> List.of(labels(tab, typed, typed.length())).equals(List.of("@" + gina.name)),
                UiRobot.TIMEOUT, () -> Arrays.toString(labels(tab, typed, typed.length())));
        ui.waitUntil("the list opens with her name: it had closed, no name the window knew starting so",
                () -> tab.assist().isProposalPopupOpen());
        tab.assist().closeProposalPopup();
        input.setText("");
    }

    @Test
    void aMentionNotifiesWithNotificationsOffAndClickingItOpensTheConversation() throws Exception {
        String alice = registerThroughUi("alice");
        HeadlessUser bob = person("bob");
        String room = "#ping" + System.nanoTime() % 100000;
        bob.client.join(room).get(30, TimeUnit.SECONDS);
        client().join(room).get(30, TimeUnit.SECONDS);
        IPreferenceStore store = ParleyUiPlugin.getDefault().getPreferenceStore();
        store.setValue(PreferenceKeys.NOTIFICATIONS, false);
        elsewhere = new Shell(ui.display);
        elsewhere.setText("another application");
        elsewhere.setSize(300, 200);
        elsewhere.open();
        ui.activate(elsewhere);

        closePopups(); // a popup left by an earlier message must not count as this one's
        bob.client.send(room, "room chatter nobody needs to see");
        Table table = ui.waitFor(TestIds.CHAT_MESSAGES + room, Table.class);
        ui.waitUntil("the chatter is in the room", () -> row(table, "room chatter nobody needs to see") >= 0);
        assertNull(ui.find(TestIds.NOTIFY_POPUP, Shell.class), "notifications are off: no popup for chatter");

        bob.client.send(room, "@" + alice + " the build is red");
        Shell popup = ui.waitFor(TestIds.NOTIFY_POPUP, Shell.class);
        CTabFolder folder = ui.find(TestIds.CHAT_FOLDER, CTabFolder.class);
        assertNotEquals(TestIds.CHAT_TAB + room, folder.getSelection().getData(TestIds.KEY), "not shown yet");

        Label text = findLabel(popup);
        Event click = new Event();
        click.button = 1;
        text.notifyListeners(SWT.MouseUp, click);

        ui.waitUntil("the room is shown in the active window", () -> folder.getSelection() != null
                && (TestIds.CHAT_TAB + room).equals(folder.getSelection().getData(TestIds.KEY))
                && ui.display.getActiveShell() == workbenchShell(), UiRobot.TIMEOUT,
                () -> "active: " + ui.display.getActiveShell());
        assertTrue(popup.isDisposed() || !popup.isVisible(), "the popup closed");
    }

    private void closePopups() {
        for (Shell popup = ui.find(TestIds.NOTIFY_POPUP, Shell.class); popup != null;
                popup = ui.find(TestIds.NOTIFY_POPUP, Shell.class)) {
            popup.dispose();
        }
    }

    private static String[] labels(ConversationTab tab, String contents, int position) {
        return Arrays.stream(tab.mentions().getProposals(contents, position)).map(IContentProposal::getLabel)
                .toArray(String[]::new);
    }

    private static Label findLabel(Control control) {
        if (control instanceof Label label && label.getImage() == null && !label.getText().isEmpty()) {
            return label;
        }
        if (control instanceof org.eclipse.swt.widgets.Composite composite) {
            for (Control child : composite.getChildren()) {
                Label found = findLabel(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The first row whose text contains {@code text}, or -1. */
    private static int row(Table table, String text) {
        List<String> texts = UiRobot.column(table, TEXT);
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static Shell workbenchShell() {
        return PlatformUI.getWorkbench().getWorkbenchWindows()[0].getShell();
    }
}
