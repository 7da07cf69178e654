package org.parley.client.ui.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Widget;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.client.core.ConnectionState;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TestIds;
import org.parley.testing.ServerFixture;

/**
 * Issue 13, problem 9: at the product's default window size (then 1000×700) the Login view cut its texts (a
 * changed certificate's fingerprints; in Russian even the Log Out button was outside the view) and kept a third of
 * the window for the whole session. Measured with the widgets' real bounds after layout: every control of the login
 * UI lies inside its parents and is as large as its text needs, in English and Russian; once logged in, no login
 * form takes room, the chat has most of the window, and Log Out is reachable.
 */
class LoginLayoutTest extends ParleyUiTestBase {

    /**
     * The product's initial window size when the Login view failed here; now {@code ParleyWindowAdvisor} opens
     * 1200×750, so this is the smaller window the layout must still hold.
     */
    private static final Point DEFAULT_WINDOW = new Point(1000, 700);
    private static final String[] LOGIN_CONTROLS = { TestIds.LOGIN_HOST, TestIds.LOGIN_PORT, TestIds.LOGIN_USERNAME,
            TestIds.LOGIN_PASSWORD, TestIds.LOGIN_REMEMBER, TestIds.LOGIN_BUTTON, TestIds.LOGIN_REGISTER,
            TestIds.LOGIN_ERROR, TestIds.LOGIN_INFO };

    private final Map<Field, String> english = new HashMap<>();
    private Point windowSize;

    @BeforeEach
    void defaultWindowSize() {
        Shell window = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        windowSize = window.getSize();
        window.setSize(DEFAULT_WINDOW);
        ui.pump(java.time.Duration.ofMillis(200)); // nothing to wait on: let GTK deliver the resize
    }

    @AfterEach
    void restore() {
        english.forEach((field, text) -> {
            try {
                field.set(null, text);
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        });
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().setSize(windowSize);
    }

    @Test
    void aChangedCertificateIsShownWholeInEnglish() throws Exception {
        changedCertificateIsShownWhole();
    }

    @Test
    void aChangedCertificateIsShownWholeInRussian() throws Exception {
        russian();
        changedCertificateIsShownWhole();
    }

    @Test
    void afterLoginTheChatHasTheRoomAndLogOutIsReachableInRussian() throws Exception {
        russian();
        reopenLoginUi();
        logInThroughUi(account("space"));

        Button form = ui.find(TestIds.LOGIN_BUTTON, Button.class);
        assertTrue(form == null || !form.isVisible(), "the login form is out of the way once logged in");
        Control chat = ui.find(TestIds.CHAT_FOLDER, Control.class);
        Rectangle window = chat.getShell().getClientArea();
        ui.waitUntil("the chat has most of the window (it had 54 % beside the Login view)", () -> chat.getSize().x >= window.width * 58 / 100,
                UiRobot.TIMEOUT, () -> "chat " + chat.getSize() + " in a window of " + window);

        Widget logout = ui.find(TestIds.LOGIN_LOGOUT, Widget.class);
        assertNotNull(logout, "a Log Out control");
        if (logout instanceof Control control) {
            assertShownWhole(control);
        } else {
            MenuItem item = (MenuItem) logout;
            CLabel status = ui.find(TestIds.STATUS_CONNECTION, CLabel.class);
            status.getMenu().notifyListeners(SWT.Show, new Event());
            assertTrue(item.getParent() == status.getMenu() && item.isEnabled(),
                    "Log Out is an enabled item of the status line's menu");
        }
        logout.notifyListeners(SWT.Selection, new Event());
        ui.waitUntil("logged out", () -> client().state() == ConnectionState.OFFLINE);
    }

    private void changedCertificateIsShownWhole() throws Exception {
        reopenLoginUi();
        String user = registerThroughUi("fit");
        client().logout().get();
        int port = server.address().port();
        server.stop();
        ServerFixture impostor = ServerFixture.start(tmp.resolve("impostor" + System.nanoTime()), port);
        try {
            ModalDriver dialog = ModalDriver.when(Display.getCurrent(), TestIds.REKEY_DIALOG, Shell::close);
            reopenLoginUi();
            fillLogin(user, PASSWORD);
            ui.click(ui.find(TestIds.LOGIN_BUTTON, Button.class));
            ui.waitUntil("the changed-certificate dialog was shown and cancelled", dialog::done);
            ui.waitUntil("the error is shown", () -> !label(TestIds.LOGIN_ERROR).getText().isEmpty());
            assertTrue(label(TestIds.LOGIN_ERROR).getText().contains(impostor.fingerprint()));
            for (String id : LOGIN_CONTROLS) {
                Control control = ui.find(id, Control.class);
                assertNotNull(control, id);
                assertShownWhole(control);
            }
        } finally {
            impostor.close();
            server.restart();
        }
    }

    /** Closes the login UI and brings it back with the Connect command, so it is built with the current texts. */
    private void reopenLoginUi() throws Exception {
        IViewPart view = page().findView("org.parley.client.ui.views.login");
        if (view != null) {
            page().hideView(view);
        }
        Button open = ui.find(TestIds.LOGIN_BUTTON, Button.class);
        Shell window = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        if (open != null && open.getShell() != window) {
            open.getShell().close();
        }
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getService(IHandlerService.class)
                .executeCommand("org.parley.client.ui.commands.connect", null);
        ui.waitUntil("the login form shows", () -> {
            Button login = ui.find(TestIds.LOGIN_BUTTON, Button.class);
            return login != null && login.isVisible();
        });
        ui.pump(java.time.Duration.ofMillis(200)); // nothing to wait on: let GTK deliver the first layout
    }

    /** The texts of this bundle in Russian until the test ends ({@code -nl ru} as far as these widgets go). */
    private void russian() throws IllegalAccessException {
        ResourceBundle ru = ResourceBundle.getBundle("org.parley.client.ui.internal.messages",
                Locale.forLanguageTag("ru"), Messages.class.getClassLoader());
        for (Field field : Messages.class.getFields()) {
            if (field.getType() == String.class && Modifier.isStatic(field.getModifiers())) {
                try {
                    String text = ru.getString(field.getName());
                    english.put(field, (String) field.get(null));
                    field.set(null, text);
                } catch (MissingResourceException e) {
                    // not a message (a constant); stays as it is
                }
            }
        }
    }

    /**
     * Visible, inside every parent's client area up to the shell, and at least as large as its text needs (a
     * wrapping label at its width, anything else at its preferred size; a text field's content scrolls).
     */
    private static void assertShownWhole(Control control) {
        assertTrue(control.isVisible(), control + " is visible");
        for (Control child = control; !(child instanceof Shell); child = child.getParent()) {
            Rectangle bounds = child.getBounds();
            Rectangle room = child.getParent().getClientArea();
            assertTrue(bounds.x >= 0 && bounds.y >= 0 && bounds.x + bounds.width <= room.width
                    && bounds.y + bounds.height <= room.height,
                    describe(control) + ": " + child + " " + bounds + " lies within its parent's " + room);
        }
        if (control instanceof Text) {
            return;
        }
        Point size = control.getSize();
        Point needed = control instanceof Label && (control.getStyle() & SWT.WRAP) != 0
                ? control.computeSize(size.x, SWT.DEFAULT)
                : control.computeSize(SWT.DEFAULT, SWT.DEFAULT);
        assertTrue(needed.x <= size.x && needed.y <= size.y,
                describe(control) + " needs " + needed + " but has " + size);
    }

    private static String describe(Control control) {
        String text = control instanceof Label l ? l.getText() : control instanceof Button b ? b.getText() : "";
        return control.getData(TestIds.KEY) + " '" + text + "'";
    }
}
