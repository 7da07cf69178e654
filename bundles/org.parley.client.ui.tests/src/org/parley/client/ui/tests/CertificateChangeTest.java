package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Button;
import org.junit.jupiter.api.Test;
import org.parley.client.core.ConnectionState;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TestIds;
import org.parley.testing.ServerFixture;

/** A different certificate on a known host and port is refused, and the user is told why in plain words. */
class CertificateChangeTest extends ParleyUiTestBase {

    @Test
    void changedCertificateIsRefusedAndExplained() throws Exception {
        String user = registerThroughUi("cert");
        String known = server.fingerprint();
        client().logout().get();
        ui.waitUntil("the Login view shows the logout", () -> label(TestIds.LOGIN_INFO).getText()
                .equals(Messages.Login_Offline));
        int prompts = trust.shown.size();

        int port = server.address().port();
        server.stop();
        ServerFixture impostor = ServerFixture.start(tmp.resolve("impostor"), port);
        try {
            fillLogin(user, PASSWORD);
            ui.click(ui.find(TestIds.LOGIN_BUTTON, Button.class));
            ui.waitUntil("the error is shown", () -> !label(TestIds.LOGIN_ERROR).getText().isEmpty());

            assertEquals(NLS.bind(Messages.Error_CertificateChanged, known, impostor.fingerprint()),
                    label(TestIds.LOGIN_ERROR).getText());
            assertEquals(ConnectionState.OFFLINE, client().state());
            assertEquals(prompts, trust.shown.size(), "a changed certificate is never offered for trust");
        } finally {
            impostor.close();
            server.restart();
        }
    }
}
