package org.parley.client.ui.internal;

import org.eclipse.swt.widgets.Widget;

/**
 * Stable names for the widgets tests drive. SWTBot is not on Maven Central, so the UI tests look widgets up by
 * these data keys instead of by label text (which changes with the locale).
 */
public final class TestIds {

    /** The {@link Widget#setData(String, Object)} key every id is stored under. */
    public static final String KEY = "org.parley.test.id";

    /** The login dialog's Shell. */
    public static final String LOGIN_DIALOG = "login.dialog";
    public static final String LOGIN_HOST = "login.host";
    public static final String LOGIN_PORT = "login.port";
    public static final String LOGIN_USERNAME = "login.username";
    public static final String LOGIN_PASSWORD = "login.password";
    public static final String LOGIN_REMEMBER = "login.remember";
    public static final String LOGIN_BUTTON = "login.login";
    public static final String LOGIN_REGISTER = "login.register";
    /** Log Out: an item of the status line's account menu (the other items below). */
    public static final String LOGIN_LOGOUT = "login.logout";
    public static final String LOGIN_ERROR = "login.error";
    public static final String LOGIN_INFO = "login.info";
    /** The preference page's line naming what protects a remembered password (keyring or generated key). */
    public static final String PREFS_PROTECTION = "prefs.protection";

    public static final String CHAT_FOLDER = "chat.folder";
    /** Per conversation: {@code chat.tab/#general}, {@code chat.messages/@bob}, {@code chat.input/#general}. */
    public static final String CHAT_TAB = "chat.tab/";
    public static final String CHAT_MESSAGES = "chat.messages/";
    public static final String CHAT_INPUT = "chat.input/";
    /** The red line under a conversation's input saying why Enter did not send (too long, not logged in). */
    public static final String CHAT_PROBLEM = "chat.problem/";
    /** Per conversation: the read-only text under the table showing the selected message(s) in full. */
    public static final String CHAT_DETAIL = "chat.detail/";
    /** The text of the hover over a message row (a Label in the tooltip's shell). */
    public static final String CHAT_TOOLTIP = "chat.tooltip";

    /** The Conversations view's table: one row per room and private conversation (the element is its key). */
    public static final String CONVERSATIONS_LIST = "conversations.list";

    /** The Search view: query field, Search button, the line saying what happened, results table, Older results. */
    public static final String SEARCH_QUERY = "search.query";
    public static final String SEARCH_BUTTON = "search.button";
    public static final String SEARCH_STATUS = "search.status";
    public static final String SEARCH_RESULTS = "search.results";
    public static final String SEARCH_MORE = "search.more";

    public static final String USERS_FILTER = "users.filter";
    public static final String USERS_LIST = "users.list";
    public static final String USERS_REFRESH = "users.refresh";

    public static final String STATUS_CONNECTION = "status.connection";
    /** The status line's account menu: Log In..., Register..., Switch Account... (and {@link #LOGIN_LOGOUT}). */
    public static final String STATUS_LOGIN = "status.login";
    public static final String STATUS_REGISTER = "status.register";
    public static final String STATUS_SWITCH = "status.switch";
    public static final String TRUST_DIALOG = "trust.dialog";
    public static final String TRUST_FINGERPRINT = "trust.fingerprint";
    /** The changed-certificate dialog (Shell), its two fingerprints, and the check box that enables trusting. */
    public static final String REKEY_DIALOG = "rekey.dialog";
    public static final String REKEY_KNOWN = "rekey.known";
    public static final String REKEY_PRESENTED = "rekey.presented";
    public static final String REKEY_CONFIRM = "rekey.confirm";
    /** Preferences, Parley, Known Servers: the table and its Forget button. */
    public static final String KNOWN_SERVERS_TABLE = "knownServers.table";
    public static final String KNOWN_SERVERS_FORGET = "knownServers.forget";
    public static final String NOTIFY_POPUP = "notify.popup";
    /** The Join Room and New Private Chat dialogs: shell, input field, error line, OK button. */
    public static final String NAME_DIALOG = "name.dialog";
    public static final String NAME_INPUT = "name.input";
    public static final String NAME_ERROR = "name.error";
    public static final String NAME_OK = "name.ok";

    private TestIds() {
    }

    public static <W extends Widget> W tag(W widget, String id) {
        widget.setData(KEY, id);
        return widget;
    }
}
