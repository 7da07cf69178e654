package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.swt.SWT;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.ParleyHome;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.ParleyUiPlugin;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.prefs.CredentialProtection;
import org.parley.client.ui.prefs.CredentialStore;
import org.parley.client.ui.prefs.ParleyPreferencePage;
import org.parley.client.ui.prefs.PreferenceKeys;
import org.parley.client.ui.views.LoginDialog;

/**
 * "Remember me", then a start of the client: the remembered account logs in by itself, and no dialog (the login
 * dialog, master password, trust, anything) shows on the way. A start is what the product's workbench advisor does
 * ({@link LoginDialog#openUnlessLoggedIn}); here it is called again while offline, reading the state a new process
 * would read (preferences, the credential store on disk).
 * <p>
 * Run twice by the pom: without a session bus (the generated key protects the password) and, with
 * {@code -Dparley.test.keyring=true}, on a private bus with an unlocked gnome-keyring (the keyring protects it).
 * {@code RestartRememberStep}/{@code RestartLoginStep} do the same across two real workbench starts.
 */
class RememberedLoginTest extends ParleyUiTestBase {

    private static final boolean KEYRING = Boolean.getBoolean("parley.test.keyring");

    @BeforeAll
    static void awaitKeyring() throws Exception {
        if (KEYRING) {
            KeyringSession.awaitReady(new UiRobot());
        }
    }

    /**
     * Leaves nothing remembered, in the store and in an open form: a ticked box would remember the next test's login,
     * and a later start would then log in by itself.
     */
    @AfterEach
    void forget() {
        CredentialStore.clear();
        ParleyUiPlugin.getDefault().getPreferenceStore().setValue(PreferenceKeys.REMEMBER, false);
        LoginDialog.current().ifPresent(LoginDialog::close);
    }

    /**
     * Two windows (two workspaces) or two users on one machine share the secure storage: a login without "Remember me"
     * forgets that account's password, not the one another window remembered for its own account.
     */
    @Test
    void aLoginWithoutRememberMeForgetsOnlyItsOwnAccountsPassword() throws Exception {
        String other = account("otherwindow");
        CredentialStore.save(server.address(), other, "the other window's".toCharArray());
        String user = account("forgetful");
        CredentialStore.save(server.address(), user, PASSWORD.toCharArray());

        fillLogin(user, PASSWORD);
        ui.find(TestIds.LOGIN_REMEMBER, Button.class).setSelection(false);
        ui.click(ui.find(TestIds.LOGIN_BUTTON, Button.class));
        waitUntilLoggedIn(user);

        ui.waitUntil("this account's password is forgotten", () -> CredentialStore.load(server.address(), user).isEmpty());
        assertArrayEquals("the other window's".toCharArray(),
                CredentialStore.load(server.address(), other).orElse(new char[0]), "the other account's stays");
        CredentialStore.save(server.address(), user, PASSWORD.toCharArray());
        assertArrayEquals("the other window's".toCharArray(),
                CredentialStore.load(server.address(), other).orElse(new char[0]), "remembering one keeps the other");
    }

    @Test
    void aRememberedPasswordLogsInAtStartWithoutAnyDialog() throws Exception {
        String user = account("auto");
        fillLogin(user, PASSWORD);
        ui.find(TestIds.LOGIN_REMEMBER, Button.class).setSelection(true);
        ui.click(ui.find(TestIds.LOGIN_BUTTON, Button.class));
        waitUntilLoggedIn(user);
        ui.waitUntil("the password is remembered", () -> CredentialStore.load(server.address(), user).isPresent()
                && lastUserIs(user));
        client().logout();
        ui.waitUntil("logged out", () -> client().state() == ConnectionState.OFFLINE);
        int trustPrompts = trust.shown.size();

        Shell window = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        List<Shell> opened = new CopyOnWriteArrayList<>();
        Listener dialogs = e -> {
            if (e.widget instanceof Shell shell && shell != window) {
                opened.add(shell);
            }
        };
        ui.display.addFilter(SWT.Show, dialogs);
        try {
            start();
            waitUntilLoggedIn(user);
            assertEquals(List.of(), opened.stream().map(Shell::getText).toList(), "dialogs shown during the start");
            for (Shell shell : ui.display.getShells()) {
                assertTrue(shell == window || !shell.isVisible(), "a visible shell besides the window: " + shell);
            }
            assertEquals(trustPrompts, trust.shown.size(), "the known server was asked about again");
        } finally {
            ui.display.removeFilter(SWT.Show, dialogs);
        }
        assertStoredAsExpected();
    }

    /** Where the password went: the keyring's storage, or Parley's own file whose key is owner-only. */
    private static void assertStoredAsExpected() throws Exception {
        Path storage = ParleyHome.directory().resolve("secure_storage");
        Path key = CredentialStore.keyFile();
        if (KEYRING) {
            assertEquals(CredentialProtection.KEYRING, CredentialStore.protection());
            assertFalse(Files.exists(key), "a key was generated although the keyring answers");
            assertFalse(Files.exists(storage), "Parley's own storage file was used although the keyring answers");
        } else {
            assertEquals(CredentialProtection.GENERATED_KEY, CredentialStore.protection());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(storage)));
            assertFalse(Files.readString(storage, StandardCharsets.ISO_8859_1).contains(PASSWORD),
                    "the password is in the storage file in clear");
        }
    }

    @Test
    void thePreferencePageNamesWhatProtectsTheRememberedPassword() {
        Shell window = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(window, ParleyPreferencePage.ID,
                new String[] { ParleyPreferencePage.ID }, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            Label line = ui.waitFor(TestIds.PREFS_PROTECTION, Label.class);
            String expected = KEYRING ? Messages.Prefs_ProtectionKeyring
                    : NLS.bind(Messages.Prefs_ProtectionGeneratedKey, CredentialStore.keyFile());
            assertEquals(expected, line.getText());
            assertTrue(line.isVisible(), "the line is on the page");
        } finally {
            dialog.close();
        }
    }

    @Test
    void withoutARememberedPasswordTheStartWaitsForTheUser() throws Exception {
        String user = account("manual");
        fillLogin(user, PASSWORD);
        ui.click(ui.find(TestIds.LOGIN_BUTTON, Button.class));
        waitUntilLoggedIn(user);
        ui.waitUntil("the account is kept as the last one", () -> lastUserIs(user));
        client().logout();
        ui.waitUntil("logged out", () -> client().state() == ConnectionState.OFFLINE);

        start();
        ui.waitUntil("the form is ready", () -> ui.find(TestIds.LOGIN_BUTTON, Button.class).isEnabled());
        assertEquals(ConnectionState.OFFLINE, client().state());
        assertEquals(user, ui.find(TestIds.LOGIN_USERNAME, Text.class).getText());
        assertEquals("", ui.find(TestIds.LOGIN_PASSWORD, Text.class).getText());
    }

    private static boolean lastUserIs(String user) {
        return user.equals(ParleyUiPlugin.getDefault().getPreferenceStore().getString(PreferenceKeys.LAST_USER));
    }

    /** What the product does at start: the remembered login, or the login dialog. */
    private static void start() {
        LoginDialog.current().ifPresent(LoginDialog::close);
        LoginDialog.openUnlessLoggedIn(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell());
    }

    @Test
    void afterTheUserLoggedOutAStartWaitsForThemEvenWithARememberedPassword() throws Exception {
        String user = account("out");
        fillLogin(user, PASSWORD);
        ui.find(TestIds.LOGIN_REMEMBER, Button.class).setSelection(true);
        ui.click(ui.find(TestIds.LOGIN_BUTTON, Button.class));
        waitUntilLoggedIn(user);
        ui.waitUntil("the password is remembered", () -> CredentialStore.load(server.address(), user).isPresent());
        LoginDialog.userLogsOut(); // as Log Out in the menu or the status line does
        client().logout();
        ui.waitUntil("logged out", () -> client().state() == ConnectionState.OFFLINE);

        start();
        ui.waitUntil("the form is ready", () -> ui.find(TestIds.LOGIN_BUTTON, Button.class).isEnabled());
        assertEquals(ConnectionState.OFFLINE, client().state(), "logged in again although the user logged out");
        assertEquals(PASSWORD, ui.find(TestIds.LOGIN_PASSWORD, Text.class).getText(), "the form offers the password");
    }
}
