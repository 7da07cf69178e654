package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Label;
import org.junit.jupiter.api.Test;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.ParleyListener;
import org.parley.client.core.Registration;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.ParleyUiPlugin;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.prefs.PreferenceKeys;
import org.parley.client.ui.status.ConnectionStatusContribution;
import org.parley.client.ui.views.LoginDialog;

/** What the user sees when the server goes away and comes back. */
class ReconnectTest extends ParleyUiTestBase {

    private static final Duration RECONNECT_TIMEOUT = Duration.ofSeconds(90);

    @Test
    void statusLineShowsTheReconnectAfterAServerRestart() throws Exception {
        String user = registerThroughUi("alice");
        CLabel status = ui.find(TestIds.STATUS_CONNECTION, CLabel.class);
        String online = ConnectionStatusContribution.text(ConnectionState.ONLINE, user, server.address().host());
        ui.waitUntil("status online", () -> status.getText().equals(online));

        server.stop();
        ui.waitUntil("status reconnecting", () -> status.getText().equals(Messages.Status_Reconnecting));
        server.restart();

        ui.waitUntil("status online again", () -> status.getText().equals(online), RECONNECT_TIMEOUT);
        assertEquals(ConnectionState.ONLINE, client().state());
    }

    /**
     * The preference reaches the core's switch: the core itself goes OFFLINE without ever RECONNECTING (the UI no
     * longer logs out behind its back) and the login dialog comes up by itself saying why.
     */
    @Test
    void withReconnectTurnedOffALostConnectionEndsTheSession() throws Exception {
        registerThroughUi("alice");
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        Registration recording = client().addListener(new ParleyListener() {
            @Override
            public void stateChanged(ConnectionState state) {
                states.add(state);
            }
        }, Runnable::run);
        IPreferenceStore prefs = ParleyUiPlugin.getDefault().getPreferenceStore();
        prefs.setValue(PreferenceKeys.RECONNECT, false);
        try {
            ui.waitUntil("the core's switch follows the preference", () -> !client().reconnect());
            server.stop();
            ui.waitUntil("offline", () -> client().state() == ConnectionState.OFFLINE);
            String reason = NLS.bind(Messages.Error_ConnectionLost, server.address());
            ui.waitUntil("the login dialog opened saying why", () -> LoginDialog.current().isPresent()
                    && label(TestIds.LOGIN_ERROR).getText().equals(reason), RECONNECT_TIMEOUT,
                    () -> LoginDialog.current().map(d -> "error label: " + label(TestIds.LOGIN_ERROR).getText())
                            .orElse("no login dialog"));
            Label info = ui.find(TestIds.LOGIN_INFO, Label.class);
            ui.waitUntil("the login dialog says offline", () -> info.getText().equals(Messages.Login_Offline));
            assertFalse(states.contains(ConnectionState.RECONNECTING), "states " + states);
        } finally {
            recording.close();
            prefs.setToDefault(PreferenceKeys.RECONNECT);
            server.restart();
        }
        ui.waitUntil("back on with the preference", () -> client().reconnect());
    }
}
