package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;
import org.parley.client.core.Conversations;
import org.parley.client.ui.handlers.JoinRoomHandler;
import org.parley.client.ui.handlers.NewPrivateChatHandler;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.internal.TypedAddresses;
import org.parley.protocol.Limits;
import org.parley.protocol.RoomInfo;

/**
 * The Join Room and New Private Chat dialogs, driven as a user would: type a name, press OK; the tab opens and the
 * server (seen through a second, headless person) knows about it. Invalid names are refused in the dialog itself.
 */
class ConversationDialogsTest extends ParleyUiTestBase {

    /** What the dialog showed after typing, captured inside its modal loop. */
    private record Seen(String error, boolean okEnabled) {
    }

    @Test
    void joinRoomDialogJoinsTheTypedRoomOnTheServer() throws Exception {
        registerThroughUi("join");
        String name = "Dlg" + System.nanoTime() % 100000;
        String room = Conversations.key("#" + name);

        Seen seen = answer(JoinRoomHandler.COMMAND, name, true);

        assertTrue(seen.okEnabled(), "a valid name enables OK; error line: " + seen.error());
        ui.waitUntil("the room's tab is open", () -> chatView().tabs().containsKey(room));
        HeadlessUser bob = person("bob");
        List<RoomInfo> rooms = bob.client.rooms().get(30, TimeUnit.SECONDS);
        assertTrue(rooms.contains(new RoomInfo(room, 1, false)), "the server has the room with the UI user in it: " + rooms);
    }

    @Test
    void privateChatDialogOpensAConversationTheOtherPersonReceives() throws Exception {
        String me = registerThroughUi("pm");
        HeadlessUser bob = person("bob");
        String conversation = Conversations.key("@" + bob.name);

        Seen seen = answer(NewPrivateChatHandler.COMMAND, "@" + bob.name, true);

        assertTrue(seen.okEnabled(), "a valid name enables OK; error line: " + seen.error());
        ui.waitUntil("the private tab is open", () -> chatView().tabs().containsKey(conversation));
        Text input = ui.find(TestIds.CHAT_INPUT + conversation, Text.class);
        input.setText("hello from the dialog");
        ui.enter(input, false);
        ui.waitUntil("bob receives it", () -> bob.hasReceived(Conversations.key("@" + me), "hello from the dialog"));
    }

    @Test
    void anInvalidRoomNameIsExplainedAndCannotBeConfirmed() throws Exception {
        registerThroughUi("badroom");
        Set<String> tabsBefore = openTabsOnceSettled();

        Seen seen = answer(JoinRoomHandler.COMMAND, "no spaces!", false);

        assertEquals(NLS.bind(Messages.Join_Invalid, TypedAddresses.MAX_ROOM), seen.error());
        assertFalse(seen.okEnabled(), "OK disabled while the name is invalid");
        assertEquals(tabsBefore, chatView().tabs().keySet(), "nothing opened");
    }

    @Test
    void anInvalidUsernameIsExplainedAndCannotBeConfirmed() throws Exception {
        registerThroughUi("baduser");
        Set<String> tabsBefore = openTabsOnceSettled();

        Seen seen = answer(NewPrivateChatHandler.COMMAND, "x", false);

        assertEquals(NLS.bind(Messages.Error_InvalidUsername, Limits.MIN_USERNAME, Limits.MAX_USERNAME), seen.error());
        assertFalse(seen.okEnabled(), "OK disabled while the name is invalid");
        assertEquals(tabsBefore, chatView().tabs().keySet(), "nothing opened");
    }

    /** The tabs after login, once the view has opened the general room (it does so when the login's answer is in). */
    private Set<String> openTabsOnceSettled() {
        ui.waitUntil("the general room is open", () -> chatView().tabs().containsKey(Limits.GENERAL_ROOM));
        return Set.copyOf(chatView().tabs().keySet());
    }

    /**
     * Runs the command without a parameter, so its dialog opens; types {@code typed}, records the error line and
     * whether OK is enabled, then presses OK ({@code confirm}, and only if enabled, as a user could) or Cancel.
     */
    private Seen answer(String command, String typed, boolean confirm) throws Exception {
        Seen[] seen = new Seen[1];
        ModalDriver driver = ModalDriver.when(ui.display, TestIds.NAME_DIALOG, shell -> {
            ModalDriver.find(shell, TestIds.NAME_INPUT, Text.class).setText(typed);
            Button ok = ModalDriver.find(shell, TestIds.NAME_OK, Button.class);
            seen[0] = new Seen(ModalDriver.find(shell, TestIds.NAME_ERROR, Text.class).getText(), ok.isEnabled());
            press(confirm && ok.isEnabled() ? ok : ModalDriver.button(shell, IDialogConstants.CANCEL_ID));
        });
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getService(IHandlerService.class)
                .executeCommand(command, null);
        assertTrue(driver.done(), "the dialog was shown");
        return seen[0];
    }

    private static void press(Button button) {
        button.notifyListeners(SWT.Selection, new Event());
    }
}
