package org.parley.client.ui.views;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.part.ViewPart;
import org.parley.client.core.CertificateChangedException;
import org.parley.client.core.ConnectionState;
import org.parley.client.core.ParleyClient;
import org.parley.client.core.ParleyException;
import org.parley.client.core.ParleyListener;
import org.parley.client.ui.internal.FriendlyErrors;
import org.parley.client.ui.internal.FriendlyErrors.Field;
import org.parley.client.ui.internal.FriendlyErrors.Problem;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.internal.UiListeners;
import org.parley.client.ui.internal.WorkbenchClient;
import org.parley.client.ui.trust.CertificateChangedDialog;

/** Where a person names a server and logs in or registers. The network work is the core's; this is only the form. */
public class LoginView extends ViewPart {

    public static final String ID = "org.parley.client.ui.views.login";

    /** Null until the core offers the workbench's client; the form stays disabled until then. */
    private ParleyClient client;
    private Composite root;
    private LoginInputs inputs;
    private Button login;
    private Button register;
    private Button logout;
    private Label info;
    private FieldErrors errors;
    /** A register or login request is on its way; the buttons wait for its answer. */
    private boolean busy;
    /**
     * The user pressed Log Out in this process and has not logged in since: a Login view opened meanwhile waits for
     * them instead of logging the remembered account in again.
     */
    private static volatile boolean loggedOutByUser;

    @Override
    public void createPartControl(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(12, 8).applyTo(root);
        inputs = new LoginInputs(root);

        Composite buttons = new Composite(root, SWT.NONE);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(buttons);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(buttons);
        login = button(buttons, Messages.Login_LogIn, TestIds.LOGIN_BUTTON);
        register = button(buttons, Messages.Login_Register, TestIds.LOGIN_REGISTER);
        logout = button(buttons, Messages.Login_LogOut, TestIds.LOGIN_LOGOUT);
        login.addListener(SWT.Selection, e -> submit(false, false));
        register.addListener(SWT.Selection, e -> submit(true, false));
        logout.addListener(SWT.Selection, e -> {
            if (client != null) {
                userLogsOut();
                client.logout();
            }
        });
        inputs.password().addListener(SWT.DefaultSelection, e -> submit(false, false));

        Label error = wrapping(TestIds.LOGIN_ERROR);
        error.setForeground(root.getDisplay().getSystemColor(SWT.COLOR_RED));
        info = wrapping(TestIds.LOGIN_INFO);
        errors = new FieldErrors(error);
        errors.register(Field.HOST, inputs.host());
        errors.register(Field.USERNAME, inputs.username());
        errors.register(Field.PASSWORD, inputs.password());

        setEnabled(false);
        logout.setEnabled(false);
        WorkbenchClient.whenAvailable(root, this::bind);
    }

    private void bind(ParleyClient offered) {
        client = offered;
        UiListeners.listen(client, root, new ParleyListener() {
            @Override
            public void stateChanged(ConnectionState state) {
                // The session outcome is known (online, or back offline after a failure): the form is free again
                // even if the login request's own answer is still on its way to the UI thread.
                if (state == ConnectionState.ONLINE || state == ConnectionState.OFFLINE) {
                    busy = false;
                }
                // Events arrive a little late; the client's current state is the one to show.
                showState(client.state());
            }

            @Override
            public void error(ParleyException error) {
                // Reconnect given up, certificate changed on reconnect, link lost with reconnecting off: the session is
                // over, say why.
                errors.show(FriendlyErrors.describe(error));
            }
        });
        showState(client.state());
        if (inputs.passwordRemembered() && !loggedOutByUser) {
            // "Remember me" at the last login: log in as that account at start, as chat clients do. A failure (server
            // down, password changed) shows in the form like any login's.
            submit(false, true);
        }
    }

    /** Called for every Log Out the user asks for (the button, the command). */
    public static void userLogsOut() {
        loggedOutByUser = true;
    }

    private Button button(Composite parent, String text, String id) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(text);
        GridDataFactory.swtDefaults().hint(Math.max(90, button.computeSize(SWT.DEFAULT, SWT.DEFAULT).x), SWT.DEFAULT)
                .applyTo(button);
        return TestIds.tag(button, id);
    }

    private Label wrapping(String id) {
        Label label = new Label(root, SWT.WRAP);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(200, SWT.DEFAULT).applyTo(label);
        return TestIds.tag(label, id);
    }

    /** @param automatic the remembered account at start: nothing new to remember afterwards */
    private void submit(boolean newAccount, boolean automatic) {
        if (busy || client == null || client.state() != ConnectionState.OFFLINE) {
            return;
        }
        errors.clear();
        LoginInputs.Values values = inputs.read(errors);
        if (values == null) {
            return;
        }
        busy = true;
        showState(client.state());
        info.setText(newAccount ? NLS.bind(Messages.Login_Registering, values.user(), values.server())
                : NLS.bind(Messages.Login_Connecting, values.server()));
        char[] password = values.password();
        CompletableFuture<String> done = newAccount
                ? client.register(values.server(), values.user(), password)
                        .thenCompose(v -> client.login(values.server(), values.user(), password))
                : client.login(values.server(), values.user(), password);
        done.whenComplete((user, failure) -> root.getDisplay().asyncExec(() -> {
            try {
                if (!root.isDisposed()) {
                    finished(values, failure, automatic);
                }
            } finally {
                Arrays.fill(password, '\0');
            }
        }));
    }

    private void finished(LoginInputs.Values values, Throwable failure, boolean automatic) {
        busy = false;
        if (failure != null) {
            Problem problem = FriendlyErrors.describe(failure);
            errors.show(problem);
            if (problem.field() == Field.PASSWORD) {
                inputs.password().selectAll();
                inputs.password().setFocus();
            }
            if (ParleyException.unwrap(failure) instanceof CertificateChangedException changed) {
                offerRetrust(changed);
            }
        } else {
            loggedOutByUser = false;
            String warning = automatic ? null : inputs.remember(values);
            if (warning != null) {
                errors.show(new Problem(Field.GENERAL, NLS.bind(Messages.Login_RememberFailed, warning)));
            }
        }
        showState(client.state());
    }

    /**
     * A known server shows another certificate: the guided way to trust it again (both fingerprints, an explicit
     * confirmation), then the same login once more. Cancel leaves the error and the old pin as they are.
     */
    private void offerRetrust(CertificateChangedException changed) {
        if (new CertificateChangedDialog(root.getShell(), changed).open() != Window.OK || client == null) {
            return;
        }
        client.trustServer(changed.identity().address(), changed.presentedSha256());
        errors.clear();
        submit(false, false);
    }

    private void showState(ConnectionState state) {
        if (root.isDisposed()) {
            return;
        }
        boolean offline = state == ConnectionState.OFFLINE && !busy;
        setEnabled(offline);
        logout.setEnabled(state != ConnectionState.OFFLINE);
        String server = client.server().map(Object::toString).orElse("");
        String user = client.user().orElse("");
        if (!busy) {
            info.setText(switch (state) {
                case OFFLINE -> Messages.Login_Offline;
                case CONNECTING -> NLS.bind(Messages.Login_Connecting, server);
                case ONLINE -> NLS.bind(Messages.Login_LoggedIn, user, server);
                case RECONNECTING -> NLS.bind(Messages.Login_Reconnecting, server);
            });
        }
        root.layout(true, true);
    }

    private void setEnabled(boolean formEnabled) {
        inputs.setEnabled(formEnabled);
        login.setEnabled(formEnabled);
        register.setEnabled(formEnabled);
    }

    /** The client this view works with; empty until the core has offered it. */
    public Optional<ParleyClient> client() {
        return Optional.ofNullable(client);
    }

    @Override
    public void setFocus() {
        inputs.focus();
    }
}
