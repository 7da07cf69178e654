package org.parley.client.ui.views;

import java.io.IOException;

import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.preference.IPersistentPreferenceStore;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.parley.client.core.ServerAddress;
import org.parley.client.ui.internal.FriendlyErrors.Field;
import org.parley.client.ui.internal.FriendlyErrors.Problem;
import org.parley.client.ui.internal.Messages;
import org.parley.client.ui.internal.ParleyUiPlugin;
import org.parley.client.ui.internal.ServerNames;
import org.parley.client.ui.internal.TestIds;
import org.parley.client.ui.prefs.CredentialStore;
import org.parley.client.ui.prefs.PreferenceKeys;

/** The login dialog's fields: filled from the preferences, checked before anything is sent, remembered after. */
final class LoginInputs {

    record Values(ServerAddress server, String user, char[] password, boolean remember) {
    }

    private final Text host;
    private final Text port;
    private final Text username;
    private final Text password;
    private final Button remember;
    private final IPreferenceStore store = ParleyUiPlugin.getDefault().getPreferenceStore();
    /** The password field was filled from the credential store when the form was made. */
    private boolean passwordRemembered;

    LoginInputs(Composite parent) {
        host = field(parent, Messages.Login_Host, SWT.BORDER, TestIds.LOGIN_HOST);
        port = field(parent, Messages.Login_Port, SWT.BORDER, TestIds.LOGIN_PORT);
        username = field(parent, Messages.Login_Username, SWT.BORDER, TestIds.LOGIN_USERNAME);
        password = field(parent, Messages.Login_Password, SWT.BORDER | SWT.PASSWORD, TestIds.LOGIN_PASSWORD);
        remember = TestIds.tag(new Button(parent, SWT.CHECK), TestIds.LOGIN_REMEMBER);
        remember.setText(Messages.Login_Remember);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(remember);
        restore();
    }

    private static Text field(Composite parent, String label, int style, String id) {
        new Label(parent, SWT.NONE).setText(label);
        Text text = new Text(parent, style);
        // Indent leaves room for the error decoration on the left.
        GridDataFactory.fillDefaults().grab(true, false).indent(8, 0).applyTo(text);
        return TestIds.tag(text, id);
    }

    private void restore() {
        host.setText(store.getString(PreferenceKeys.HOST));
        port.setText(Integer.toString(store.getInt(PreferenceKeys.PORT)));
        String given = System.getProperty(PreferenceKeys.SERVER_PROPERTY);
        if (given != null && !given.isBlank()) {
            try {
                ServerAddress server = ServerAddress.parse(given.trim());
                host.setText(ServerNames.host(server));
                port.setText(Integer.toString(server.port()));
            } catch (IllegalArgumentException e) {
                // not host:port: the form keeps the last server used, which the user sees and can correct
            }
        }
        username.setText(store.getString(PreferenceKeys.LAST_USER));
        remember.setSelection(store.getBoolean(PreferenceKeys.REMEMBER));
        if (remember.getSelection()) {
            try {
                // The form's server (the preferences', or -Dparley.server's): the password is only for the account
                // it was remembered with.
                ServerAddress server = ServerAddress.parse(host.getText().trim(), Integer.parseInt(port.getText().trim()));
                CredentialStore.load(server, username.getText().trim()).ifPresent(p -> {
                    password.setText(new String(p));
                    passwordRemembered = true;
                });
            } catch (IllegalArgumentException e) {
                // Hand-edited preferences; the user types the address again.
            }
        }
    }

    /** The values, or null after marking the first field that is missing or wrong. */
    Values read(FieldErrors errors) {
        if (host.getText().isBlank()) {
            errors.show(new Problem(Field.HOST, Messages.Field_Required));
            return null;
        }
        int portNumber;
        try {
            portNumber = Integer.parseInt(port.getText().trim());
        } catch (NumberFormatException e) {
            portNumber = -1;
        }
        if (portNumber < 1 || portNumber > 65535) {
            errors.show(new Problem(Field.HOST, Messages.Field_BadPort));
            return null;
        }
        ServerAddress server;
        try {
            // The Host field may list a cluster's nodes (host1:7443,host2); the Port field is for those without one.
            server = ServerAddress.parse(host.getText(), portNumber);
        } catch (IllegalArgumentException e) {
            errors.show(new Problem(Field.HOST, NLS.bind(Messages.Field_BadServer, e.getMessage())));
            return null;
        }
        if (username.getText().isBlank()) {
            errors.show(new Problem(Field.USERNAME, Messages.Field_Required));
            return null;
        }
        if (password.getText().isEmpty()) {
            errors.show(new Problem(Field.PASSWORD, Messages.Field_Required));
            return null;
        }
        return new Values(server, username.getText().trim(),
                password.getText().toCharArray(), remember.getSelection());
    }

    /** After a successful login: keeps the address and name, and the password only if asked and only encrypted. */
    String remember(Values values) {
        store.setValue(PreferenceKeys.HOST, ServerNames.host(values.server()));
        store.setValue(PreferenceKeys.PORT, values.server().port());
        store.setValue(PreferenceKeys.LAST_USER, values.user());
        store.setValue(PreferenceKeys.REMEMBER, values.remember());
        try {
            // Now, not at exit: a crash later in the session must not cost the next start its automatic login.
            ((IPersistentPreferenceStore) store).save();
        } catch (IOException e) {
            return e.getLocalizedMessage();
        }
        if (!values.remember()) {
            CredentialStore.forget(values.server(), values.user());
            return null;
        }
        try {
            CredentialStore.save(values.server(), values.user(), values.password());
            return null;
        } catch (StorageException e) {
            return e.getLocalizedMessage();
        }
    }

    /** True when the form came up with the remembered account's password, ready to log in without the user. */
    boolean passwordRemembered() {
        return passwordRemembered;
    }

    void setEnabled(boolean enabled) {
        for (var control : new org.eclipse.swt.widgets.Control[] { host, port, username, password, remember }) {
            control.setEnabled(enabled);
        }
    }

    void focus() {
        (username.getText().isEmpty() ? username : password).setFocus();
    }

    Text host() {
        return host;
    }

    Text username() {
        return username;
    }

    Text password() {
        return password;
    }
}
