package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.Arrays;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.osgi.service.prefs.Preferences;
import org.parley.client.core.ConnectionState;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.ParleyUiPlugin;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.prefs.CredentialStore;
import org.parley.client.ui.prefs.PreferenceKeys;
import org.parley.client.ui.status.ConnectionStatusContribution;
import org.parley.client.ui.views.LoginDialog;
import org.parley.protocol.Limits;

/**
 * The login dialog against a real server: register, log in (the dialog gets out of the way) and out (the status
 * line's account menu), and every refusal shown in plain words.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginDialogTest extends ParleyUiTestBase {

    @Test
    @Order(1)
    void registeringAsksToTrustTheServerShowingItsFingerprintThenLogsIn() {
        String user = registerThroughUi("reg");

        assertEquals(server.fingerprint(), trust.shown.get(0), "the trust dialog showed the server's fingerprint");
        assertEquals(user, client().user().orElseThrow());
        assertTrue(LoginDialog.current().isEmpty(), "the dialog got out of the way");
        CLabel status = ui.find(TestIds.STATUS_CONNECTION, CLabel.class);
        ui.waitUntil("the status line says online", () -> status.getText()
                .equals(ConnectionStatusContribution.text(ConnectionState.ONLINE, user, server.address().host())));

        // Opened again while logged in (Parley > Log In...), it says who is logged in and offers no second login.
        openLoginDialog();
        assertTrue(label(TestIds.LOGIN_INFO).getText().contains(user), label(TestIds.LOGIN_INFO).getText());
        assertEquals("", label(TestIds.LOGIN_ERROR).getText());
        assertFalse(ui.find(TestIds.LOGIN_BUTTON, Button.class).isEnabled(), "no second login while logged in");
        assertFalse(ui.find(TestIds.LOGIN_REGISTER, Button.class).isEnabled());
    }

    @Test
    @Order(2)
    void logsInWithAnExistingAccountAndOutFromTheStatusLine() throws Exception {
        String user = account("login");
        logInThroughUi(user);

        Menu account = accountMenu();
        assertFalse(item(TestIds.STATUS_LOGIN).isEnabled(), "no Log In... while logged in");
        assertTrue(item(TestIds.STATUS_SWITCH).isEnabled());
        select(item(TestIds.LOGIN_LOGOUT));
        ui.waitUntil("logged out", () -> client().state() == ConnectionState.OFFLINE);

        account.notifyListeners(SWT.Show, new Event());
        assertFalse(item(TestIds.LOGIN_LOGOUT).isEnabled(), "nothing to log out of");
        select(item(TestIds.STATUS_LOGIN));
        ui.waitUntil("the dialog says offline", () -> LoginDialog.current().isPresent()
                && label(TestIds.LOGIN_INFO).getText().equals(Messages.Login_Offline));
        assertTrue(ui.find(TestIds.LOGIN_BUTTON, Button.class).isEnabled());
    }

    @Test
    @Order(3)
    void switchAccountLogsOutAndOffersTheForm() throws Exception {
        String first = account("first");
        String second = account("second");
        logInThroughUi(first);

        accountMenu();
        select(item(TestIds.STATUS_SWITCH));
        ui.waitUntil("logged out, the form enabled", () -> client().state() == ConnectionState.OFFLINE
                && LoginDialog.current().isPresent() && ui.find(TestIds.LOGIN_BUTTON, Button.class).isEnabled());
        logInThroughUi(second);
        assertEquals(second, client().user().orElseThrow());
    }

    @Test
    void registerFromTheStatusLineMakesRegisterTheDefaultButton() {
        accountMenu();
        LoginDialog.current().ifPresent(LoginDialog::close);
        select(item(TestIds.STATUS_REGISTER));
        Button register = ui.find(TestIds.LOGIN_REGISTER, Button.class);
        assertEquals(register, register.getShell().getDefaultButton(), "Enter registers");
    }

    /** The status line's account menu, its items' states updated as when it opens. */
    private Menu accountMenu() {
        Menu menu = ui.find(TestIds.STATUS_CONNECTION, CLabel.class).getMenu();
        menu.notifyListeners(SWT.Show, new Event());
        return menu;
    }

    private MenuItem item(String id) {
        return ui.find(id, MenuItem.class);
    }

    private static void select(MenuItem item) {
        item.notifyListeners(SWT.Selection, new Event());
    }

    @Test
    void wrongPasswordIsShownInPlainWords() throws Exception {
        String user = account("wrongpw");
        fillLogin(user, "not-the-password");
        ui.click(ui.find(TestIds.LOGIN_BUTTON, Button.class));

        ui.waitUntil("the error is shown", () -> !label(TestIds.LOGIN_ERROR).getText().isEmpty());
        assertEquals(Messages.Error_AuthFailed, label(TestIds.LOGIN_ERROR).getText());
        assertEquals(ConnectionState.OFFLINE, client().state());
        assertTrue(ui.find(TestIds.LOGIN_BUTTON, Button.class).isEnabled(), "the user can try again");
    }

    @Test
    void takenUsernameIsShown() throws Exception {
        String user = account("taken");
        fillLogin(user, PASSWORD);
        ui.click(ui.find(TestIds.LOGIN_REGISTER, Button.class));

        ui.waitUntil("the error is shown", () -> !label(TestIds.LOGIN_ERROR).getText().isEmpty());
        assertEquals(Messages.Error_UsernameTaken, label(TestIds.LOGIN_ERROR).getText());
    }

    @Test
    void tooShortPasswordIsShown() {
        fillLogin(uniqueName("weak"), "short");
        ui.click(ui.find(TestIds.LOGIN_REGISTER, Button.class));

        ui.waitUntil("the error is shown", () -> !label(TestIds.LOGIN_ERROR).getText().isEmpty());
        assertEquals(NLS.bind(Messages.Error_WeakPassword, Limits.MIN_PASSWORD), label(TestIds.LOGIN_ERROR).getText());
    }

    @Test
    void aMalformedServerListIsRefusedNamingTheEntry() {
        fillLogin("someone", PASSWORD);
        ui.type(TestIds.LOGIN_HOST, "127.0.0.1:7443,,chat.example");
        ui.click(ui.find(TestIds.LOGIN_BUTTON, Button.class));
        assertEquals(NLS.bind(Messages.Field_BadServer, "server 2 of 3 in '127.0.0.1:7443,,chat.example': empty address"),
                label(TestIds.LOGIN_ERROR).getText());
        assertEquals(ConnectionState.OFFLINE, client().state());
    }

    @Test
    void aServerListLogsInThroughTheFirstNodeThatAnswers() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String user = account("list");
        fillLogin(user, PASSWORD);
        // The second node has no port of its own: it takes the Port field's.
        ui.type(TestIds.LOGIN_HOST, "127.0.0.1:" + closedPort + "," + server.address().host());
        ui.click(ui.find(TestIds.LOGIN_BUTTON, Button.class));
        String list = "127.0.0.1:" + closedPort + "," + server.address();
        ui.waitUntil("online through the list", () -> client().state() == ConnectionState.ONLINE
                && label(TestIds.LOGIN_INFO).getText().equals(NLS.bind(Messages.Login_LoggedIn, user, list)));
        assertEquals(list, client().server().orElseThrow().toString());
        // The status line names the node in use, with its port (a cluster's nodes may share a host), not the first.
        CLabel status = ui.find(TestIds.STATUS_CONNECTION, CLabel.class);
        String online = ConnectionStatusContribution.text(ConnectionState.ONLINE, user, server.address().toString());
        ui.waitUntil("the status line names the second node", () -> status.getText().equals(online), UiRobot.TIMEOUT,
                () -> "'" + status.getText() + "', expected '" + online + "'");
    }

    @Test
    void serverDownIsShown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        fillLogin("nobody", PASSWORD);
        ui.type(TestIds.LOGIN_PORT, Integer.toString(closedPort));
        ui.click(ui.find(TestIds.LOGIN_BUTTON, Button.class));

        ui.waitUntil("the error is shown", () -> !label(TestIds.LOGIN_ERROR).getText().isEmpty());
        assertEquals(Messages.Error_Unreachable, label(TestIds.LOGIN_ERROR).getText());
    }

    @Test
    void missingFieldsAreMarkedBeforeAnythingIsSent() {
        fillLogin("", PASSWORD);
        ui.click(ui.find(TestIds.LOGIN_BUTTON, Button.class));
        assertEquals(Messages.Field_Required, label(TestIds.LOGIN_ERROR).getText());

        fillLogin("someone", PASSWORD);
        ui.type(TestIds.LOGIN_PORT, "70000");
        ui.click(ui.find(TestIds.LOGIN_BUTTON, Button.class));
        assertEquals(Messages.Field_BadPort, label(TestIds.LOGIN_ERROR).getText());
        assertEquals(ConnectionState.OFFLINE, client().state());
    }

    @Test
    void declinedCertificateIsShownAndNothingIsSent() throws Exception {
        client().forgetServer(server.address());
        trust.accept(false);
        int prompts = trust.shown.size();
        fillLogin(uniqueName("declined"), PASSWORD);
        ui.click(ui.find(TestIds.LOGIN_BUTTON, Button.class));

        ui.waitUntil("the error is shown", () -> !label(TestIds.LOGIN_ERROR).getText().isEmpty());
        assertEquals(Messages.Error_CertificateRejected, label(TestIds.LOGIN_ERROR).getText());
        assertEquals(prompts + 1, trust.shown.size(), "the user was asked");
    }

    @Test
    void rememberMeKeepsThePasswordOnlyInSecureStorage() throws Exception {
        String user = account("remember");
        fillLogin(user, PASSWORD);
        Button remember = ui.find(TestIds.LOGIN_REMEMBER, Button.class);
        remember.setSelection(true);
        try {
            ui.click(ui.find(TestIds.LOGIN_BUTTON, Button.class));
            waitUntilLoggedIn(user);
            assertTrue(LoginDialog.current().isEmpty(), "no warning kept the dialog open: secure storage took it");
            assertArrayEquals(PASSWORD.toCharArray(), CredentialStore.load(server.address(), user).orElseThrow());
            Preferences plain = InstanceScope.INSTANCE.getNode(ParleyUiPlugin.ID);
            for (String key : plain.keys()) {
                assertFalse(plain.get(key, "").contains(PASSWORD), "password in plain preference " + key);
            }
            assertTrue(Arrays.asList(plain.keys()).contains(PreferenceKeys.LAST_USER));
        } finally {
            CredentialStore.clear();
            ParleyUiPlugin.getDefault().getPreferenceStore().setValue(PreferenceKeys.REMEMBER, false);
        }
    }
}
