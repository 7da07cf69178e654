package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.widgets.Button;
import org.junit.jupiter.api.Test;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.ServerAddress;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.internal.WorkbenchClient;
import org.parley.client.ui.views.LoginDialog;
import org.parley.client.ui.prefs.CredentialStore;

/**
 * First workbench start of the restart test: a user ticks "Remember me" and logs in; then this workbench ends (the
 * JVM exits). {@link RestartLoginStep} is the second start on the same workspace, client state and storage. The pom
 * runs the pair without a session bus and with the test keyring ({@code -Dparley.test.keyring=true}).
 */
class RestartRememberStep {

    @Test
    void rememberMe() throws Exception {
        UiRobot ui = new UiRobot();
        if (Boolean.getBoolean("parley.test.keyring")) {
            KeyringSession.awaitReady(ui);
        }
        RestartFixture restart = new RestartFixture();
        ServerAddress server = restart.server(ui);
        String user = "restart" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        Files.createDirectories(restart.dir());
        try (HeadlessUser account = HeadlessUser.register(server, user, ParleyUiTestBase.PASSWORD,
                restart.dir().resolve("people").resolve(user))) {
            account.client.logout().get(10, TimeUnit.SECONDS);
        }
        TrustResponder trust = TrustResponder.install(ui.display);
        try {
            ui.type(TestIds.LOGIN_HOST, server.host());
            ui.type(TestIds.LOGIN_PORT, Integer.toString(server.port()));
            ui.type(TestIds.LOGIN_USERNAME, user);
            ui.type(TestIds.LOGIN_PASSWORD, ParleyUiTestBase.PASSWORD);
            ui.find(TestIds.LOGIN_REMEMBER, Button.class).setSelection(true);
            ui.click(ui.find(TestIds.LOGIN_BUTTON, Button.class));
            // The login dialog that opened at start closes once its login is through.
            ui.waitUntil("online as " + user, () -> WorkbenchClient.current().map(c -> c.state() == ConnectionState.ONLINE
                    && user.equals(c.user().orElse(null))).orElse(false) && LoginDialog.current().isEmpty());
            ui.waitUntil("the password is remembered", () -> CredentialStore.load(server, user).isPresent());
            assertEquals(1, trust.shown.size(), "first contact asked once");
            restart.rememberUser(user);
        } finally {
            trust.stop();
        }
    }
}
