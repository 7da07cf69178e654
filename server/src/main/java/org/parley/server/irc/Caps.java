package org.parley.server.irc;

import java.util.List;

/** The IRCv3 capabilities the gateway offers (ircv3.net); none is needed, WeeChat and irssi ask for a few. */
final class Caps {
    static final String SERVER_TIME = "server-time";
    static final String MESSAGE_TAGS = "message-tags";
    static final String SASL = "sasl";
    static final String ECHO_MESSAGE = "echo-message";
    static final String BATCH = "batch";
    static final List<String> ALL = List.of(BATCH, ECHO_MESSAGE, MESSAGE_TAGS, SASL, SERVER_TIME);

    private Caps() {
    }

    /** For {@code CAP LS 302} and later: values where the capability has one. */
    static String list(boolean withValues) {
        StringBuilder b = new StringBuilder();
        for (String cap : ALL) {
            b.append(b.length() > 0 ? " " : "").append(cap);
            if (withValues && cap.equals(SASL)) {
                b.append("=PLAIN");
            }
        }
        return b.toString();
    }
}
