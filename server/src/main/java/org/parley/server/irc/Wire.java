package org.parley.server.irc;

import java.nio.charset.StandardCharsets;

/** Formats the lines the gateway sends: {@code [@tags ]:prefix COMMAND middle... :last} and CR LF. */
final class Wire {
    /** The gateway's name as a prefix of its own lines, and the host part of every user's mask. */
    static final String SERVER = "parley";

    private Wire() {
    }

    /** {@code nick!nick@parley}: the ident is the username too, there is nothing else to show. */
    static String mask(String nick) {
        return nick + "!" + nick + "@" + SERVER;
    }

    /**
     * One line; the last parameter always as a trailing one (':'), the others must hold no space. Every parameter is
     * cleaned of CR, LF and NUL, so nothing any user chose can end a line early and smuggle in a second one.
     */
    static String line(String tags, String prefix, String command, String... params) {
        StringBuilder b = new StringBuilder(64);
        if (tags != null && !tags.isEmpty()) {
            b.append('@').append(tags).append(' ');
        }
        if (prefix != null) {
            b.append(':').append(prefix).append(' ');
        }
        b.append(command);
        for (int i = 0; i < params.length; i++) {
            b.append(i == params.length - 1 ? " :" : " ").append(clean(params[i]));
        }
        return b.append("\r\n").toString();
    }

    /** A numeric reply from the gateway to {@code nick} ("*" before it has one). */
    static String numeric(String nick, String code, String... params) {
        String[] all = new String[params.length + 1];
        all[0] = nick == null ? "*" : nick;
        System.arraycopy(params, 0, all, 1, params.length);
        return line(null, SERVER, code, all);
    }

    static byte[] bytes(String lines) {
        return lines.getBytes(StandardCharsets.UTF_8);
    }

    static String clean(String param) {
        if (param.indexOf('\r') < 0 && param.indexOf('\n') < 0 && param.indexOf('\0') < 0) {
            return param;
        }
        return param.replace("\r", " ").replace("\n", " ").replace("\0", "");
    }
}
