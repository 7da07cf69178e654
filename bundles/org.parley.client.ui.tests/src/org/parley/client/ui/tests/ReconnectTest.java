package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Label;
import org.junit.jupiter.api.Test;
import org.parley.client.core.ConnectionState;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.ParleyUiPlugin;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.prefs.PreferenceKeys;
import org.parley.client.ui.status.ConnectionStatusContribution;

/** What the user sees when the server goes away and comes back. */
class ReconnectTest extends ParleyUiTestBase {

    private static final Duration RECONNECT_TIMEOUT = Duration.ofSeconds(90);

    @Test
    void statusLineShowsTheReconnectAfterAServerRestart() throws Exception {
        String user = registerThroughUi("alice");
        CLabel status = ui.find(TestIds.STATUS_CONNECTION, CLabel.class);
        String online = ConnectionStatusContribution.text(ConnectionState.ONLINE, user);
        ui.waitUntil("status online", () -> status.getText().equals(online));

        server.stop();
        ui.waitUntil("status reconnecting", () -> status.getText().equals(Messages.Status_Reconnecting));
        server.restart();

        ui.waitUntil("status online again", () -> status.getText().equals(online), RECONNECT_TIMEOUT);
        assertEquals(ConnectionState.ONLINE, client().state());
    }

    @Test
    void withReconnectTurnedOffALostConnectionEndsTheSession() throws Exception {
        registerThroughUi("alice");
        ParleyUiPlugin.getDefault().getPreferenceStore().setValue(PreferenceKeys.RECONNECT, false);
        try {
            server.stop();
            ui.waitUntil("offline", () -> client().state() == ConnectionState.OFFLINE);
            Label info = ui.find(TestIds.LOGIN_INFO, Label.class);
            ui.waitUntil("the Login view says offline", () -> info.getText().equals(Messages.Login_Offline));
        } finally {
            ParleyUiPlugin.getDefault().getPreferenceStore().setToDefault(PreferenceKeys.RECONNECT);
            server.restart();
        }
    }
}
