package org.parley.client.ui.prefs;

/** Keys of the Parley UI preferences (instance scope of org.parley.client.ui). Never a password: see CredentialStore. */
public final class PreferenceKeys {

    public static final String HOST = "server.host";
    public static final String PORT = "server.port";
    public static final String RECONNECT = "reconnect";
    public static final String NOTIFICATIONS = "notifications";
    /** What the login dialog filled in last time. */
    public static final String LAST_USER = "last.user";
    public static final String REMEMBER = "remember";

    public static final String DEFAULT_HOST = "localhost";
    /**
     * System property {@code host:port}: the server the login dialog offers at start instead of the last one used, e.g.
     * {@code releng/run-parley} passing the port its server listens on ({@code PARLEY_PORT}).
     */
    public static final String SERVER_PROPERTY = "parley.server";

    private PreferenceKeys() {
    }
}
