package org.parley.client.ui.views;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
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

/**
 * Where a person names a server and logs in or registers. A dialog, not a view: it is needed for a moment, not for
 * the session (the Login view kept a third of the window and cut its texts), so it opens when nobody is logged in
 * (at start in the product, from the status line, Parley > Log In..., or when a session ended with a reason) and
 * closes once the session is online. Modeless, so the window (history, preferences) stays usable beside it; there is
 * at most one. The network work is the core's; this is only the form.
 */
public final class LoginDialog extends Dialog {

    private static final int REGISTER_ID = IDialogConstants.CLIENT_ID + 1;
    /** The width the texts wrap at: a fingerprint's half, most server reasons on one line. */
    private static final int TEXT_WIDTH_CHARS = 64;

    /** The open dialog, if any (UI thread only). */
    private static LoginDialog current;

    private final boolean registerFirst;
    /** Null until the core offers the workbench's client; the form stays disabled until then. */
    private ParleyClient client;
    private LoginInputs inputs;
    private Label info;
    private FieldErrors errors;
    /** A problem to show as soon as the form exists (the session ended with it). */
    private Problem pending;
    /** A register or login request is on its way; the buttons wait for its answer. */
    private boolean busy;
    /** This dialog's own request has not been answered; the dialog closes on the answer, not on the state. */
    private boolean requested;
    /** Made at start to log the remembered account in unseen; it shows itself only if that fails. */
    private boolean automatic;
    /**
     * The user pressed Log Out in this process and has not logged in since: a start (a new window) then waits for them
     * instead of logging the remembered account in again.
     */
    private static volatile boolean loggedOutByUser;

    private LoginDialog(Shell parent, boolean registerFirst) {
        super(parent);
        this.registerFirst = registerFirst;
        setShellStyle(SWT.DIALOG_TRIM | SWT.RESIZE | SWT.MODELESS);
        setBlockOnOpen(false);
    }

    /** Opens the login dialog over {@code parent}, or brings the open one to the front. Never blocks. */
    public static LoginDialog open(Shell parent) {
        return open(parent, false);
    }

    /** @param register Register is the default button (the status line's "Register...") */
    public static LoginDialog open(Shell parent, boolean register) {
        if (current == null || current.getShell() == null || current.getShell().isDisposed()) {
            current = new LoginDialog(parent, register);
            current.open();
        } else if (!current.getShell().isVisible()) {
            current.automatic = false; // the user asked for it: it stays once the automatic login is through
            current.open();
        } else {
            current.getShell().setActive();
        }
        return current;
    }

    /**
     * At start, unless a session is already up (or on its way): the remembered account ("Remember me" at the last
     * login) logs in by itself with no dialog shown, as chat clients do; the dialog shows only when there is nothing
     * remembered, the user logged out in this process, or that login fails (then with the reason).
     */
    public static void openUnlessLoggedIn(Shell parent) {
        if (!WorkbenchClient.current().map(c -> c.state() == ConnectionState.OFFLINE).orElse(true)) {
            return;
        }
        if (current != null && current.getShell() != null && !current.getShell().isDisposed()) {
            current.getShell().setActive();
            return;
        }
        LoginDialog dialog = new LoginDialog(parent, false);
        current = dialog;
        dialog.create(); // the form, unseen: it reads the remembered account and password
        if (dialog.inputs.passwordRemembered() && !loggedOutByUser) {
            dialog.automatic = true;
            if (dialog.client != null) {
                dialog.submit(false); // the core's client was there already (create() bound it)
            } // else bind() sends it once the core offers the client
        } else {
            dialog.open();
        }
    }

    /** Called for every Log Out the user asks for (the command, the status line's menu). */
    public static void userLogsOut() {
        loggedOutByUser = true;
    }

    /** The dialog while it is open. */
    public static Optional<LoginDialog> current() {
        return Optional.ofNullable(current).filter(d -> d.getShell() != null && !d.getShell().isDisposed());
    }

    /**
     * The session ended on its own (reconnecting given up, the link lost with reconnecting off, the certificate
     * changed on a reconnect): the user has to log in again, so the form comes up saying why.
     */
    public static void sessionEnded(Shell parent, Problem problem) {
        open(parent).show(problem);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.Login_Title);
        TestIds.tag(shell, TestIds.LOGIN_DIALOG);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite form = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(form);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(form);
        inputs = new LoginInputs(form);
        inputs.password().addListener(SWT.DefaultSelection, e -> submit(registerFirst));

        info = wrapping(form, TestIds.LOGIN_INFO);
        Label error = wrapping(form, TestIds.LOGIN_ERROR);
        error.setForeground(form.getDisplay().getSystemColor(SWT.COLOR_RED));
        errors = new FieldErrors(error, this::fit);
        errors.register(Field.HOST, inputs.host());
        errors.register(Field.USERNAME, inputs.username());
        errors.register(Field.PASSWORD, inputs.password());
        inputs.setEnabled(false);
        WorkbenchClient.whenAvailable(form, this::bind);
        if (pending != null) {
            errors.show(pending);
        }
        return area;
    }

    /** A label that wraps at {@link #TEXT_WIDTH_CHARS} (wider if the user widens the dialog) instead of cutting. */
    private Label wrapping(Composite parent, String id) {
        Label label = new Label(parent, SWT.WRAP);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false)
                .hint(convertWidthInCharsToPixels(TEXT_WIDTH_CHARS), SWT.DEFAULT).applyTo(label);
        return TestIds.tag(label, id);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        TestIds.tag(createButton(parent, REGISTER_ID, Messages.Login_Register, registerFirst), TestIds.LOGIN_REGISTER);
        TestIds.tag(createButton(parent, IDialogConstants.OK_ID, Messages.Login_LogIn, !registerFirst),
                TestIds.LOGIN_BUTTON);
        // Our own label: the platform's JFace texts come without a Russian translation on Maven Central.
        createButton(parent, IDialogConstants.CANCEL_ID, Messages.Login_Close, false);
        showState();
    }

    @Override
    protected void buttonPressed(int id) {
        switch (id) {
            case IDialogConstants.OK_ID -> submit(false);
            case REGISTER_ID -> submit(true);
            default -> close();
        }
    }

    @Override
    public boolean close() {
        if (current == this) {
            current = null;
        }
        return super.close();
    }

    private void bind(ParleyClient offered) {
        client = offered;
        UiListeners.listen(client, getShell(), new ParleyListener() {
            @Override
            public void stateChanged(ConnectionState state) {
                // The session outcome is known (online, or back offline after a failure): the form is free again
                // even if the login request's own answer is still on its way to the UI thread.
                if (state == ConnectionState.ONLINE || state == ConnectionState.OFFLINE) {
                    busy = false;
                }
                // Online without this dialog's request (a reconnect, a login elsewhere in the workbench): done.
                if (client.state() == ConnectionState.ONLINE && !requested && errors.isEmpty()) {
                    close();
                    return;
                }
                // Events arrive a little late; the client's current state is the one to show.
                showState();
            }
        });
        showState();
        if (automatic) {
            submit(false);
        }
    }

    /** Shows the problem under the form (or once the form exists). */
    void show(Problem problem) {
        pending = problem;
        if (errors != null && !getShell().isDisposed()) {
            errors.show(problem);
        }
    }

    private void submit(boolean newAccount) {
        if (busy || client == null || client.state() != ConnectionState.OFFLINE) {
            return;
        }
        errors.clear();
        pending = null;
        LoginInputs.Values values = inputs.read(errors);
        if (values == null) {
            return;
        }
        busy = true;
        requested = true;
        showState();
        info.setText(newAccount ? NLS.bind(Messages.Login_Registering, values.user(), values.server())
                : NLS.bind(Messages.Login_Connecting, values.server()));
        fit();
        char[] password = values.password();
        CompletableFuture<String> done = newAccount
                ? client.register(values.server(), values.user(), password)
                        .thenCompose(v -> client.login(values.server(), values.user(), password))
                : client.login(values.server(), values.user(), password);
        Shell shell = getShell();
        done.whenComplete((user, failure) -> shell.getDisplay().asyncExec(() -> {
            try {
                finished(values, failure);
            } finally {
                Arrays.fill(password, '\0');
            }
        }));
    }

    /** The request's answer; the address, name and remembered password are kept even if the dialog was closed. */
    private void finished(LoginInputs.Values values, Throwable failure) {
        busy = false;
        requested = false;
        boolean unseen = automatic;
        automatic = false;
        if (failure == null) {
            loggedOutByUser = false;
        }
        // The automatic login used what was remembered: nothing new to remember.
        String warning = failure == null && !unseen ? inputs.remember(values) : null;
        if (getShell() == null || getShell().isDisposed()) {
            return;
        }
        if (failure != null && !getShell().isVisible()) {
            open(); // the remembered login failed (server down, password changed): the user takes over
        }
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
        } else if (warning != null) {
            // Logged in, but the user asked for something that did not happen: say so before getting out of the way.
            errors.show(new Problem(Field.GENERAL, NLS.bind(Messages.Login_RememberFailed, warning)));
        } else {
            close();
            return;
        }
        showState();
    }

    /**
     * A known server shows another certificate: the guided way to trust it again (both fingerprints, an explicit
     * confirmation), then the same login once more. Cancel leaves the error and the old pin as they are.
     */
    private void offerRetrust(CertificateChangedException changed) {
        if (new CertificateChangedDialog(getShell(), changed).open() != Window.OK || client == null
                || getShell().isDisposed()) {
            return;
        }
        client.trustServer(changed.identity().address(), changed.presentedSha256());
        errors.clear();
        submit(false);
    }

    private void showState() {
        Button login = getButton(IDialogConstants.OK_ID);
        if (login == null || login.isDisposed()) {
            return;
        }
        ConnectionState state = client == null ? ConnectionState.OFFLINE : client.state();
        boolean offline = client != null && state == ConnectionState.OFFLINE && !busy;
        inputs.setEnabled(offline);
        login.setEnabled(offline);
        getButton(REGISTER_ID).setEnabled(offline);
        if (!busy && client != null) {
            String server = client.server().map(Object::toString).orElse("");
            info.setText(switch (state) {
                case OFFLINE -> Messages.Login_Offline;
                case CONNECTING -> NLS.bind(Messages.Login_Connecting, server);
                case ONLINE -> NLS.bind(Messages.Login_LoggedIn, client.user().orElse(""), server);
                case RECONNECTING -> NLS.bind(Messages.Login_Reconnecting, server);
            });
        }
        fit();
    }

    /** Grows the dialog when a text got longer (a wrapped reason): nothing is cut, and it never jumps smaller. */
    private void fit() {
        Shell shell = getShell();
        if (shell == null || shell.isDisposed() || !shell.isVisible()) {
            return; // before open: Window sizes the shell to its contents itself
        }
        Point wanted = shell.computeSize(SWT.DEFAULT, SWT.DEFAULT, true);
        Point size = shell.getSize();
        if (wanted.x > size.x || wanted.y > size.y) {
            shell.setSize(Math.max(wanted.x, size.x), Math.max(wanted.y, size.y));
        }
        shell.layout(true, true);
    }

    @Override
    public int open() {
        int code = super.open();
        inputs.focus(); // the user name if none is known, else the password: what the user types next
        return code;
    }

    /** The client this dialog works with; empty until the core has offered it. */
    public Optional<ParleyClient> client() {
        return Optional.ofNullable(client);
    }
}
