package org.parley.server.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One parsed client line (modern.ircdocs.horse, "Message format"): optional {@code @tags}, an optional
 * {@code :prefix} (ignored: a client has no say in who it is), the command and up to 15 parameters, the last of which
 * may start with ':' and hold spaces. Client tags are read past and not used.
 */
record IrcLine(String command, List<String> params) {
    private static final int MAX_PARAMS = 15;

    /** The parsed line, or null when it has no command (blank, or only tags and a prefix). */
    static IrcLine parse(String line) {
        int i = 0;
        int n = line.length();
        if (i < n && line.charAt(i) == '@') {
            i = skipWord(line, i);
        }
        i = skipSpaces(line, i);
        if (i < n && line.charAt(i) == ':') {
            i = skipSpaces(line, skipWord(line, i));
        }
        int end = skipWord(line, i);
        if (end == i) {
            return null;
        }
        String command = line.substring(i, end).toUpperCase(Locale.ROOT);
        List<String> params = new ArrayList<>();
        i = skipSpaces(line, end);
        while (i < n) {
            if (line.charAt(i) == ':' || params.size() == MAX_PARAMS - 1) {
                params.add(line.substring(line.charAt(i) == ':' ? i + 1 : i));
                break;
            }
            end = skipWord(line, i);
            params.add(line.substring(i, end));
            i = skipSpaces(line, end);
        }
        return new IrcLine(command, List.copyOf(params));
    }

    int size() {
        return params.size();
    }

    String param(int index) {
        return params.get(index);
    }

    private static int skipWord(String line, int i) {
        while (i < line.length() && line.charAt(i) != ' ') {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String line, int i) {
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
