package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.views.LoginDialog;
import org.parley.testing.ServerFixture;

/**
 * A different certificate on a known host and port is refused and explained; the changed-certificate dialog shows
 * both fingerprints side by side and trusts the new one only after an explicit confirmation (issue 13, problem 2:
 * before, the user saw "CHANGED" and had to edit a hidden file).
 */
class CertificateChangeTest extends ParleyUiTestBase {

    @Test
    void changedCertificateIsRefusedExplainedAndCancelKeepsTheOldPin() throws Exception {
        String user = registerThroughUi("cert");
        String known = server.fingerprint();
        client().logout().get();
        openLoginDialog();
        ui.waitUntil("the login dialog shows the logout", () -> label(TestIds.LOGIN_INFO).getText()
                .equals(Messages.Login_Offline));
        int prompts = trust.shown.size();

        int port = server.address().port();
        server.stop();
        ServerFixture impostor = ServerFixture.start(tmp.resolve("impostor"), port);
        try {
            List<String> seen = new ArrayList<>();
            ModalDriver dialog = ModalDriver.when(Display.getCurrent(), TestIds.REKEY_DIALOG, shell -> {
                seen.add(ModalDriver.find(shell, TestIds.REKEY_KNOWN, Text.class).getText());
                seen.add(ModalDriver.find(shell, TestIds.REKEY_PRESENTED, Text.class).getText());
                seen.add("ok enabled: " + ModalDriver.button(shell, IDialogConstants.OK_ID).isEnabled());
                shell.close(); // Cancel
            });
            fillLogin(user, PASSWORD);
            ui.click(ui.find(TestIds.LOGIN_BUTTON, Button.class));
            ui.waitUntil("the dialog was shown and cancelled", dialog::done);
            ui.waitUntil("the error is shown", () -> !label(TestIds.LOGIN_ERROR).getText().isEmpty());

            assertEquals(List.of(lines(known), lines(impostor.fingerprint()), "ok enabled: false"), seen,
                    "both fingerprints side by side; trusting needs the confirmation first");
            assertEquals(NLS.bind(Messages.Error_CertificateChanged, known, impostor.fingerprint()),
                    label(TestIds.LOGIN_ERROR).getText());
            assertEquals(known, client().knownServers().get(impostor.address()), "cancel keeps the old pin");
            assertEquals(prompts, trust.shown.size(), "a changed certificate is never offered as a new server");
        } finally {
            impostor.close();
            server.restart();
        }
    }

    @Test
    void aConfirmedNewCertificateIsTrustedAndTheLoginGoesThrough() throws Exception {
        String user = registerThroughUi("rekey");
        String known = server.fingerprint();
        client().logout().get();
        openLoginDialog();
        ui.waitUntil("the login dialog shows the logout", () -> label(TestIds.LOGIN_INFO).getText()
                .equals(Messages.Login_Offline));

        int port = server.address().port();
        server.stop();
        // The server comes back with a new certificate; the account exists there too.
        ServerFixture rekeyed = ServerFixture.start(tmp.resolve("rekeyed"), port);
        try (HeadlessUser same = HeadlessUser.register(rekeyed.address(), user, PASSWORD, tmp.resolve("rekey-" + user))) {
            same.client.logout().get();
            assertFalse(known.equals(rekeyed.fingerprint()));
            ModalDriver dialog = ModalDriver.when(Display.getCurrent(), TestIds.REKEY_DIALOG, shell -> {
                Button confirm = ModalDriver.find(shell, TestIds.REKEY_CONFIRM, Button.class);
                confirm.setSelection(true);
                confirm.notifyListeners(SWT.Selection, new Event());
                ModalDriver.button(shell, IDialogConstants.OK_ID).notifyListeners(SWT.Selection, new Event());
            });
            fillLogin(user, PASSWORD);
            ui.click(ui.find(TestIds.LOGIN_BUTTON, Button.class));
            ui.waitUntil("the dialog was confirmed", dialog::done);
            waitUntilLoggedIn(user);

            assertEquals(rekeyed.fingerprint(), client().knownServers().get(rekeyed.address()), "the new pin");
            assertTrue(LoginDialog.current().isEmpty(), "no error kept the dialog open");
            client().logout().get();
        } finally {
            rekeyed.close();
            server.restart();
            client().trustServer(server.address(), known); // the original server is back for the other tests
        }
    }

    private static String lines(String sha256) {
        String[] bytes = sha256.split(":");
        return String.join(":", List.of(bytes).subList(0, 16)) + ":\n" + String.join(":", List.of(bytes).subList(16, 32));
    }
}
