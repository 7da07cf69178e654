package org.parley.client.ui.prefs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.EncodingUtils;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.parley.client.core.ParleyHome;
import org.parley.client.core.ServerAddress;

/**
 * The remembered password, kept only in Equinox Secure Storage (encrypted), never in plain preferences, and never
 * behind a dialog: Parley opens the storage with {@link IProviderHints#PROMPT_USER} off and names the master
 * password's source itself.
 * <ul>
 * <li>{@link CredentialProtection#KEYRING} where a desktop keyring answers on the user's session bus: the default
 * secure storage (the one an Eclipse IDE uses too, {@code ~/.eclipse/org.eclipse.equinox.security/secure_storage},
 * or {@code -eclipse.keyring}), with its master password from the platform's Linux provider (fragment
 * {@code org.eclipse.equinox.security.linux}). The default one, not a file of Parley's own: that provider keeps ONE
 * master password per user in the keyring and makes a new one (overwriting the old) for every storage file it has
 * not seen, so a second storage would lock the IDE out of its own.</li>
 * <li>{@link CredentialProtection#GENERATED_KEY} otherwise (no session bus: a bare X session, CI, ssh): a storage file
 * of Parley's own, {@value #STORAGE_FILE} in the user's Parley folder, whose master password is
 * {@link GeneratedKey} in {@value #KEY_FILE} beside it, given as {@link IProviderHints#DEFAULT_PASSWORD}: what
 * Eclipse's {@code -eclipse.password} option does for the default storage, but for this file only, so neither the
 * product's command line nor an IDE's other secure storage users are touched.</li>
 * </ul>
 * Which one is decided once per process, at the first use. Each account ({@code user@server}) is remembered in a node
 * of its own: the storage is shared by every Parley window of the user (a second workspace, another account), so one
 * window remembering or forgetting its account must not touch another's. The login form asks for the account the
 * LAST_USER/HOST/PORT preferences name.
 */
public final class CredentialStore {

    /** The unique id of the Linux provider's extension (its fragment contributes in the name of its host). */
    static final String KEYRING_MODULE = "org.eclipse.equinox.security.LinuxKeystoreIntegrationJNA";
    static final String STORAGE_FILE = "secure_storage";
    static final String KEY_FILE = "secure_storage.key";

    /** One child per account, named by {@link #account} with its slashes encoded. */
    private static final String ACCOUNTS = "org.parley.client.ui/remembered-accounts";
    /** Where versions before per-account nodes kept their one account (named in ACCOUNT): still read and forgotten. */
    private static final String NODE = "org.parley.client.ui/remembered";
    /** Where versions before the keyring kept it, behind the master-password dialogs; removed, never read. */
    private static final String OLD_NODE = "org.parley.client.ui/account";
    private static final String ACCOUNT = "account";
    private static final String PASSWORD = "password";

    private static CredentialProtection protection;
    private static ISecurePreferences root;

    private CredentialStore() {
    }

    /** What protects a password saved now: the desktop keyring when one answers, else Parley's generated key. */
    public static synchronized CredentialProtection protection() {
        if (protection == null) {
            root = openKeyring();
            protection = root != null ? CredentialProtection.KEYRING : CredentialProtection.GENERATED_KEY;
        }
        return protection;
    }

    /** The generated key's file, named on the preference page. */
    public static Path keyFile() {
        return ParleyHome.directory().resolve(KEY_FILE);
    }

    /** @throws StorageException when it cannot be encrypted or written; nothing is stored then */
    public static synchronized void save(ServerAddress server, String user, char[] password) throws StorageException {
        ISecurePreferences store = current();
        ISecurePreferences node = store.node(path(server, user));
        node.put(PASSWORD, new String(password), true);
        flush(node);
        if (forgetLegacy(store, server, user)) {
            flush(store);
        }
        if (protection == CredentialProtection.KEYRING && Files.exists(ParleyHome.directory().resolve(STORAGE_FILE))) {
            // Saved with a keyring now: a copy from a session without one must not linger behind the weaker key.
            forget(generatedKeyStore(), server, user);
        }
    }

    /** The password remembered for exactly this account, if any and if it can be decrypted without asking. */
    public static synchronized Optional<char[]> load(ServerAddress server, String user) {
        try {
            Optional<char[]> found = read(current(), server, user);
            if (found.isEmpty() && protection == CredentialProtection.KEYRING
                    && Files.exists(ParleyHome.directory().resolve(STORAGE_FILE))) {
                // Remembered in a session without a keyring; the next save moves it into the keyring's care.
                found = read(generatedKeyStore(), server, user);
            }
            return found;
        } catch (StorageException e) {
            return Optional.empty();
        }
    }

    /** Forgets this account's remembered password wherever it is (removing needs no master password). */
    public static synchronized void forget(ServerAddress server, String user) {
        eachStore(store -> forget(store, server, user));
    }

    /** Forgets every account's remembered password wherever it is. */
    public static synchronized void clear() {
        eachStore(CredentialStore::remove);
    }

    private static void eachStore(Consumer<ISecurePreferences> action) {
        protection();
        if (root != null) {
            action.accept(root);
        }
        if (Files.exists(ParleyHome.directory().resolve(STORAGE_FILE))) {
            try {
                action.accept(generatedKeyStore());
            } catch (StorageException e) {
                // No key file to open it with: nothing in it can be read by anyone either.
            }
        }
    }

    private static void forget(ISecurePreferences store, ServerAddress server, String user) {
        boolean changed = forgetLegacy(store, server, user);
        String path = path(server, user);
        if (store.nodeExists(path)) {
            store.node(path).removeNode();
            changed = true;
        }
        if (changed) {
            flushQuietly(store);
        }
    }

    /** Removes the one-account node of older versions if it holds this account; true when it did. */
    private static boolean forgetLegacy(ISecurePreferences store, ServerAddress server, String user) {
        try {
            if (store.nodeExists(NODE) && account(server, user).equals(store.node(NODE).get(ACCOUNT, null))) {
                store.node(NODE).removeNode();
                return true;
            }
        } catch (StorageException e) {
            // ACCOUNT is stored unencrypted: not reached
        }
        return false;
    }

    private static ISecurePreferences current() throws StorageException {
        protection();
        return root != null ? root : generatedKeyStore();
    }

    private static Optional<char[]> read(ISecurePreferences store, ServerAddress server, String user)
            throws StorageException {
        String path = path(server, user);
        ISecurePreferences node;
        if (store.nodeExists(path)) {
            node = store.node(path);
        } else if (store.nodeExists(NODE) && account(server, user).equals(store.node(NODE).get(ACCOUNT, null))) {
            node = store.node(NODE); // remembered by an older version
        } else {
            return Optional.empty();
        }
        return Optional.ofNullable(node.get(PASSWORD, null)).map(String::toCharArray);
    }

    /**
     * The default secure storage with the keyring as its only password source, if a keyring answers: a value is
     * encrypted (and dropped) once to find out, so that a later save cannot fail or ask.
     */
    private static ISecurePreferences openKeyring() {
        if (!sessionBusConfigured()) {
            // Without a bus address GIO would try to autolaunch one (dbus-launch on the X display), and the provider
            // would log its failure as an error: there is no keyring to find here.
            return null;
        }
        try {
            Map<String, Object> options = new HashMap<>();
            options.put(IProviderHints.REQUIRED_MODULE_ID, KEYRING_MODULE);
            options.put(IProviderHints.PROMPT_USER, Boolean.FALSE);
            ISecurePreferences keyring = SecurePreferencesFactory.open(null, options);
            if (keyring == null) {
                return null;
            }
            ISecurePreferences probe = keyring.node(NODE + "-probe");
            probe.put("probe", "probe", true);
            probe.removeNode();
            // Keeps the storage's record that the keyring's master password is set: without it the provider would
            // make (and store in the keyring) a new one at every start until something is saved.
            keyring.flush();
            return keyring;
        } catch (IOException | StorageException | RuntimeException | LinkageError e) {
            // No provider (not Linux, fragment missing), libsecret missing, no Secret Service on the bus, locked.
            return null;
        }
    }

    private static boolean sessionBusConfigured() {
        String address = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        if (address != null && !address.isBlank()) {
            return true;
        }
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        return runtime != null && !runtime.isBlank() && Files.exists(Path.of(runtime, "bus"));
    }

    private static ISecurePreferences generatedKeyStore() throws StorageException {
        Path folder = ParleyHome.directory();
        try {
            Map<String, Object> options = new HashMap<>();
            options.put(IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec(GeneratedKey.readOrCreate(keyFile())));
            options.put(IProviderHints.PROMPT_USER, Boolean.FALSE);
            return SecurePreferencesFactory.open(folder.resolve(STORAGE_FILE).toUri().toURL(), options);
        } catch (IOException e) {
            throw new StorageException(StorageException.INTERNAL_ERROR, e);
        }
    }

    private static void remove(ISecurePreferences store) {
        boolean changed = false;
        for (String path : new String[] { ACCOUNTS, NODE, OLD_NODE }) {
            if (store.nodeExists(path)) {
                store.node(path).removeNode();
                changed = true;
            }
        }
        if (changed) {
            flushQuietly(store);
        }
    }

    private static void flushQuietly(ISecurePreferences store) {
        try {
            store.flush();
        } catch (IOException e) {
            // The entry is gone from memory; the file is rewritten on the next successful flush.
        }
    }

    private static void flush(ISecurePreferences node) throws StorageException {
        try {
            node.flush();
            Path file = ParleyHome.directory().resolve(STORAGE_FILE);
            if (protection == CredentialProtection.GENERATED_KEY && Files.exists(file)) {
                // Equinox writes with the process's umask; the content is encrypted, but nobody else needs it.
                Files.setPosixFilePermissions(file, GeneratedKey.OWNER_ONLY);
            }
        } catch (IOException e) {
            throw new StorageException(StorageException.INTERNAL_ERROR, e);
        }
    }

    private static String account(ServerAddress server, String user) {
        return user + "@" + server;
    }

    private static String path(ServerAddress server, String user) {
        return ACCOUNTS + "/" + EncodingUtils.encodeSlashes(account(server, user));
    }
}
