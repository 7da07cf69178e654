package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.Test;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.ServerAddress;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.internal.WorkbenchClient;
import org.parley.client.ui.prefs.ParleyPreferencePage;

/**
 * Second workbench start of the restart test (a new JVM on the workspace, client state and secure storage
 * {@link RestartRememberStep} left): the remembered account is online without anyone touching the form, and no
 * dialog came up: a modal one at start (master password, trust) would still be open, as nothing here answers it.
 */
class RestartLoginStep {

    @Test
    void theRememberedAccountIsLoggedInAtStartWithNoDialog() throws Exception {
        UiRobot ui = new UiRobot();
        RestartFixture restart = new RestartFixture();
        ServerAddress server = restart.server(ui);
        String user = restart.rememberedUser();
        ui.waitUntil("online as " + user + " by itself at " + server, () -> WorkbenchClient.current()
                .map(c -> c.state() == ConnectionState.ONLINE && user.equals(c.user().orElse(null))
                        && c.server().map(server::equals).orElse(false)).orElse(false));
        Shell window = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        List<String> others = Arrays.stream(ui.display.getShells()).filter(s -> s != window && s.isVisible())
                .map(Shell::getText).toList();
        assertEquals(List.of(), others, "shells open besides the workbench window");

        PreferenceDialog page = PreferencesUtil.createPreferenceDialogOn(window, ParleyPreferencePage.ID,
                new String[] { ParleyPreferencePage.ID }, null);
        page.setBlockOnOpen(false);
        page.open();
        try {
            assertEquals(ParleyPreferencePage.protectionText(),
                    ui.waitFor(TestIds.PREFS_PROTECTION, Label.class).getText());
            assertEquals(Boolean.getBoolean("parley.test.keyring") ? Messages.Prefs_ProtectionKeyring
                    : NLS.bind(Messages.Prefs_ProtectionGeneratedKey,
                            org.parley.client.ui.prefs.CredentialStore.keyFile()),
                    ParleyPreferencePage.protectionText());
        } finally {
            page.close();
        }
    }
}
