package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TestIds;

/**
 * The Online Users view: a page of the online list from the real server, re-listed by Refresh (and a timer), its users
 * kept current by the presence the client watches for them.
 */
class OnlineUsersViewTest extends ParleyUiTestBase {

    @Test
    void usersAppearAndLeave() throws Exception {
        String me = registerThroughUi("alice");
        Table users = listedMyself(me);

        HeadlessUser carol = person("carol");
        relist();
        ui.waitUntil("carol appears", () -> names(users).contains(carol.name));

        carol.client.logout().get();
        ui.waitUntil("carol leaves", () -> !names(users).contains(carol.name));
    }

    @Test
    void filterBoxNarrowsTheList() throws Exception {
        registerThroughUi("alice");
        HeadlessUser dave = person("dave");
        HeadlessUser erin = person("erin");
        Table users = ui.find(TestIds.USERS_LIST, Table.class);
        relist();
        ui.waitUntil("both listed", () -> names(users).containsAll(List.of(dave.name, erin.name)));

        Text filter = ui.find(TestIds.USERS_FILTER, Text.class);
        try {
            filter.setText(dave.name.toUpperCase());
            assertEquals(List.of(dave.name), names(users), "the filter ignores case");
        } finally {
            filter.setText("");
        }
    }

    /**
     * The list is a page fetched now and then, so someone who came online since (or who sorts past the page) is not in
     * it: what is typed in the filter is asked of the server too.
     */
    @Test
    void theFilterFindsSomeoneOnlineWhoIsNotListed() throws Exception {
        String me = registerThroughUi("alice");
        Table users = listedMyself(me);
        HeadlessUser frank = person("frank");

        Text filter = ui.find(TestIds.USERS_FILTER, Text.class);
        try {
            filter.setText(frank.name.toUpperCase());
            ui.waitUntil("frank is found though never listed", () -> names(users).equals(List.of(frank.name)));
        } finally {
            filter.setText("");
        }
        ui.waitUntil("the cleared filter lists everyone again", () -> names(users).contains(frank.name)
                && names(users).contains(NLS.bind(Messages.Users_You, me)));
    }

    @Test
    void doubleClickOpensAPrivateChat() throws Exception {
        String me = registerThroughUi("alice");
        HeadlessUser bob = person("bob");
        Table users = ui.find(TestIds.USERS_LIST, Table.class);
        relist();
        ui.waitUntil("bob listed", () -> names(users).contains(bob.name));

        ui.doubleClick(users, names(users).indexOf(bob.name));

        String conversation = "@" + bob.name;
        CTabFolder folder = ui.find(TestIds.CHAT_FOLDER, CTabFolder.class);
        ui.waitUntil("the private tab is selected", () -> folder.getSelection() != null
                && conversation.equals(folder.getSelection().getData(TestIds.KEY).toString()
                        .substring(TestIds.CHAT_TAB.length())));
        Text input = ui.find(TestIds.CHAT_INPUT + conversation, Text.class);
        input.setText("just between us");
        ui.enter(input, false);
        ui.waitUntil("bob got it privately", () -> bob.hasReceived("@" + me, "just between us"));
    }

    /** The view's list once the first listing after login (which has {@code me} in it) has arrived. */
    private Table listedMyself(String me) {
        Table users = ui.find(TestIds.USERS_LIST, Table.class);
        ui.waitUntil("I am listed", () -> names(users).contains(NLS.bind(Messages.Users_You, me)));
        return users;
    }

    /** Presses Refresh: people who came online since the last listing are not pushed (protocol 3). */
    private void relist() {
        ui.click(ui.find(TestIds.USERS_REFRESH, Button.class));
    }

    private static List<String> names(Table users) {
        return UiRobot.column(users, 0);
    }
}
