package org.parley.client.ui.prefs;

import java.util.Optional;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.parley.client.core.ServerAddress;

/**
 * The remembered password, kept only in Equinox Secure Storage (encrypted), never in plain preferences. One
 * account is remembered: the one named by the LAST_USER/HOST/PORT preferences, so the node key says whose it is.
 */
public final class CredentialStore {

    private static final String NODE = "org.parley.client.ui/account";
    private static final String ACCOUNT = "account";
    private static final String PASSWORD = "password";

    private CredentialStore() {
    }

    /** @throws StorageException when the platform cannot encrypt (no password provider); nothing is stored then */
    public static void save(ServerAddress server, String user, char[] password) throws StorageException {
        ISecurePreferences node = node();
        if (node == null) {
            throw new StorageException(StorageException.INTERNAL_ERROR, "secure storage is not available");
        }
        node.put(PASSWORD, new String(password), true);
        node.put(ACCOUNT, account(server, user), false);
        flush(node);
    }

    /** The password remembered for exactly this account, if any and if it can be decrypted. */
    public static Optional<char[]> load(ServerAddress server, String user) {
        try {
            ISecurePreferences node = node();
            if (node == null || !account(server, user).equals(node.get(ACCOUNT, null))) {
                return Optional.empty();
            }
            String password = node.get(PASSWORD, null);
            return Optional.ofNullable(password).map(String::toCharArray);
        } catch (StorageException e) {
            return Optional.empty();
        }
    }

    public static void clear() {
        ISecurePreferences node = node();
        if (node == null) {
            return;
        }
        ISecurePreferences root = node.parent();
        node.removeNode();
        try {
            root.flush();
        } catch (java.io.IOException e) {
            // The entry is gone from memory; the file is rewritten on the next successful flush.
        }
    }

    /** Null when the default secure storage cannot be opened at all. */
    private static ISecurePreferences node() {
        ISecurePreferences root = SecurePreferencesFactory.getDefault();
        return root == null ? null : root.node(NODE);
    }

    private static void flush(ISecurePreferences node) throws StorageException {
        try {
            node.flush();
        } catch (java.io.IOException e) {
            throw new StorageException(StorageException.INTERNAL_ERROR, e);
        }
    }

    private static String account(ServerAddress server, String user) {
        return user + "@" + server;
    }
}
