package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.prefs.PreferenceKeys;
import org.parley.client.ui.views.LoginDialog;

/**
 * Issue 13, problem 8: {@code PARLEY_PORT=7543 releng/run-parley} started the server on 7543 while the login form
 * offered 7443. run-parley now passes {@code -Dparley.server=localhost:PORT}; the login dialog offers that server
 * even when the last login was to another one.
 */
class LoginServerPropertyTest extends ParleyUiTestBase {

    @Test
    void theServerGivenAtStartFillsTheLoginForm() throws Exception {
        System.setProperty(PreferenceKeys.SERVER_PROPERTY, "localhost:7543");
        try {
            LoginDialog.current().ifPresent(LoginDialog::close);
            openLoginDialog();
            assertEquals("localhost", ui.waitFor(TestIds.LOGIN_HOST, Text.class).getText());
            assertEquals("7543", ui.find(TestIds.LOGIN_PORT, Text.class).getText());
        } finally {
            System.clearProperty(PreferenceKeys.SERVER_PROPERTY);
            LoginDialog.current().ifPresent(LoginDialog::close);
        }
    }
}
