package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;

import org.eclipse.core.commands.Command;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.jface.notifications.NotificationPopup;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.keys.IBindingService;
import org.junit.jupiter.api.Test;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.ServerAddress;
import org.parley.client.ui.handlers.ConnectHandler;
import org.parley.client.ui.handlers.JoinRoomHandler;
import org.parley.client.ui.handlers.LogoutHandler;
import org.parley.client.ui.handlers.NewPrivateChatHandler;
import org.parley.client.ui.handlers.SearchHandler;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.ParleyUiPlugin;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.notify.MessageNotifier;
import org.parley.client.ui.prefs.ParleyPreferencePage;
import org.parley.client.ui.prefs.PreferenceKeys;
import org.parley.client.ui.status.ConnectionStatusContribution;
import org.parley.client.ui.views.LoginDialog;
import org.parley.protocol.ChatMessage;

/** Commands, key bindings, the Parley menu, preferences, status line, notifications and translations. */
class WorkbenchContributionsTest extends ParleyUiTestBase {

    private static final String[] COMMANDS = { ConnectHandler.COMMAND, LogoutHandler.COMMAND, JoinRoomHandler.COMMAND,
            NewPrivateChatHandler.COMMAND, SearchHandler.COMMAND };

    private final IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();

    @Test
    void everyCommandHasAKeyBindingAndTheParleyMenuIsThere() {
        IBindingService bindings = window.getService(IBindingService.class);
        for (String command : COMMANDS) {
            assertTrue(bindings.getActiveBindingsFor(command).length > 0, "key binding for " + command);
        }
        boolean parleyMenu = false;
        for (MenuItem item : window.getShell().getMenuBar().getItems()) {
            parleyMenu |= item.getText().replace("&", "").equals("Parley");
        }
        assertTrue(parleyMenu, "a Parley menu in the menu bar");
    }

    @Test
    void commandsJoinARoomOpenAPrivateChatAndLogOut() throws Exception {
        LoginDialog.current().ifPresent(LoginDialog::close);
        handlers().executeCommand(ConnectHandler.COMMAND, null);
        assertTrue(LoginDialog.current().isPresent(), "Log In... opens the login dialog");

        String me = registerThroughUi("cmd");
        String room = "#cmd" + System.nanoTime() % 100000;
        execute(JoinRoomHandler.COMMAND, JoinRoomHandler.PARAM_ROOM, room);
        ui.waitUntil("the room's tab is open", () -> chatView().tabs().containsKey(room));

        execute(NewPrivateChatHandler.COMMAND, NewPrivateChatHandler.PARAM_USER, "someone");
        assertTrue(chatView().tabs().containsKey("@someone"));

        handlers().executeCommand(LogoutHandler.COMMAND, null);
        ui.waitUntil("logged out", () -> client().state() == ConnectionState.OFFLINE);
        assertFalse(me.isEmpty());
    }

    @Test
    void statusLineShowsTheStateInTheWindowTrim() {
        CLabel status = ui.find(TestIds.STATUS_CONNECTION, CLabel.class);
        assertNotNull(status, "status contribution in the window");
        assertEquals(window.getShell(), status.getShell());
        ui.waitUntil("the status line says offline", () -> status.getText().equals(Messages.Status_Offline));
    }

    @Test
    void preferencesHaveDefaultsAndAPage() {
        IPreferenceStore store = ParleyUiPlugin.getDefault().getPreferenceStore();
        assertEquals(PreferenceKeys.DEFAULT_HOST, store.getDefaultString(PreferenceKeys.HOST));
        assertEquals(ServerAddress.DEFAULT_PORT, store.getDefaultInt(PreferenceKeys.PORT));
        assertTrue(store.getDefaultBoolean(PreferenceKeys.RECONNECT));
        assertTrue(store.getDefaultBoolean(PreferenceKeys.NOTIFICATIONS));

        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(window.getShell(), ParleyPreferencePage.ID,
                new String[] { ParleyPreferencePage.ID }, null);
        try {
            dialog.create();
            assertTrue(dialog.getSelectedPage() instanceof ParleyPreferencePage);
        } finally {
            dialog.close();
        }
    }

    @Test
    void notificationPopsUpOnlyWhenWantedAndTheWindowIsInactive() {
        IPreferenceStore store = ParleyUiPlugin.getDefault().getPreferenceStore();
        MessageNotifier notifier = new MessageNotifier(store);
        assertTrue(notifier.shouldNotify(false));
        assertFalse(notifier.shouldNotify(true), "no popup over the active window");
        store.setValue(PreferenceKeys.NOTIFICATIONS, false);
        try {
            assertFalse(notifier.shouldNotify(false), "no popup when turned off");
        } finally {
            store.setToDefault(PreferenceKeys.NOTIFICATIONS);
        }

        NotificationPopup popup = notifier.show(ui.display, "@bob",
                new ChatMessage(1, "bob", "@me", "are you there?", Instant.now()));
        try {
            Shell shell = ui.waitFor(TestIds.NOTIFY_POPUP, Shell.class);
            assertTrue(shell.isVisible());
        } finally {
            popup.close();
        }
    }

    @Test
    void everyStringIsTranslatedToRussian() throws Exception {
        assertSameKeys(Messages.class.getResourceAsStream("messages.properties"),
                Messages.class.getResourceAsStream("messages_ru.properties"));
        assertSameKeys(ParleyUiPlugin.getDefault().getBundle().getEntry("plugin.properties").openStream(),
                ParleyUiPlugin.getDefault().getBundle().getEntry("plugin_ru.properties").openStream());
        for (Field field : Messages.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && !field.getName().equals("BUNDLE_NAME")) {
                field.setAccessible(true);
                String value = (String) field.get(null);
                assertFalse(value == null || value.startsWith("NLS missing message"), field.getName());
            }
        }
        assertEquals(ConnectionStatusContribution.text(ConnectionState.OFFLINE, "", ""), Messages.Status_Offline);
    }

    @Test
    void russianTranslationIsFoundTheWayNlsLooksForIt() {
        ResourceBundle russian = ResourceBundle.getBundle("org.parley.client.ui.internal.messages",
                Locale.forLanguageTag("ru"), Messages.class.getClassLoader());
        assertEquals("\u0412\u043e\u0439\u0442\u0438", russian.getString("Login_LogIn"), "Log In, in Russian");
        assertEquals("Parley: \u043d\u0435 \u0432 \u0441\u0435\u0442\u0438", russian.getString("Status_Offline"));
    }

    private static void assertSameKeys(InputStream english, InputStream russian) throws Exception {
        Properties en = load(english);
        Properties ru = load(russian);
        assertFalse(en.isEmpty());
        assertEquals(en.keySet(), ru.keySet(), "the Russian file has exactly the English keys");
        assertFalse(en.equals(ru), "and different texts");
    }

    private static Properties load(InputStream in) throws Exception {
        Properties properties = new Properties();
        try (in) {
            properties.load(in);
        }
        return properties;
    }

    private void execute(String command, String parameter, String value) throws Exception {
        Command c = window.getService(ICommandService.class).getCommand(command);
        ParameterizedCommand parameterized = ParameterizedCommand.generateCommand(c,
                java.util.Map.of(parameter, value));
        handlers().executeCommand(parameterized, null);
    }

    private IHandlerService handlers() {
        return window.getService(IHandlerService.class);
    }
}
