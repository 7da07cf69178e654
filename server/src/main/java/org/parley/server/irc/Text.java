package org.parley.server.irc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Message text between the two worlds. A Parley message may hold line breaks and up to 4000 characters; an IRC line
 * holds no break and at most 512 bytes, so a message becomes as many PRIVMSG lines as it needs, cut between code
 * points. CTCP ACTION ({@code /me}) is stored the way Parley users type it, {@code /me text}, and turned back into an
 * ACTION for IRC readers.
 */
final class Text {
    static final String ME = "/me ";
    private static final char CTCP = '\u0001';
    private static final String ACTION = CTCP + "ACTION ";

    private Text() {
    }

    /** The text to store for an IRC message, or null for a CTCP request other than ACTION (not relayed). */
    static String fromIrc(String text) {
        if (text.startsWith(ACTION)) {
            String body = text.substring(ACTION.length());
            return ME + (body.endsWith(String.valueOf(CTCP)) ? body.substring(0, body.length() - 1) : body);
        }
        if (!text.isEmpty() && text.charAt(0) == CTCP) {
            return null;
        }
        return text;
    }

    /**
     * The text as IRC line parameters, each at most {@code budget} UTF-8 bytes (budget at least 16): split at line
     * breaks, then between code points; NUL removed, empty lines left out.
     */
    static List<String> toIrc(String text, int budget) {
        boolean action = text.startsWith(ME);
        String body = action ? text.substring(ME.length()) : text;
        int overhead = action ? ACTION.length() + 1 : 0;
        List<String> out = new ArrayList<>();
        for (String line : body.replace("\0", "").split("\r\n|\r|\n")) {
            int start = 0;
            int bytes = 0;
            for (int i = 0; i < line.length(); ) {
                int cp = line.codePointAt(i);
                int size = utf8Length(cp);
                if (bytes + size > budget - overhead) {
                    out.add(wrap(line.substring(start, i), action));
                    start = i;
                    bytes = 0;
                }
                bytes += size;
                i += Character.charCount(cp);
            }
            if (start < line.length()) {
                out.add(wrap(line.substring(start), action));
            }
        }
        return out;
    }

    private static String wrap(String part, boolean action) {
        return action ? ACTION + part + CTCP : part;
    }

    private static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
