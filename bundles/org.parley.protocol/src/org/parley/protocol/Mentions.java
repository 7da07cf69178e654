package org.parley.protocol;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one definition of a mention (docs/protocol.md, "Mentions"): {@code @} not preceded by a name character, then the
 * longest run of name characters ({@code A-Z a-z 0-9 _ . -}). That run, or the run without trailing {@code .}s (so
 * "thanks @bob." mentions bob), names the user when its {@link NameRules#key} equals the user's key. The server counts
 * mentions with it and a client highlights them with it, so both agree.
 */
public final class Mentions {
    private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_.-])@([A-Za-z0-9_.-]+)");

    private Mentions() {
    }

    /** The user keys a text may mention, in order of appearance (candidates: whether such users exist is not checked). */
    public static Set<String> keys(String text) {
        Set<String> keys = new LinkedHashSet<>();
        if (text.indexOf('@') < 0) {
            return keys; // most messages; the server asks this of every message on its writer thread
        }
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            String run = m.group(1);
            add(keys, run);
            String trimmed = run.replaceAll("\\.+$", "");
            if (!trimmed.equals(run)) {
                add(keys, trimmed);
            }
        }
        return keys;
    }

    /** Whether {@code c} is a name character: one that continues a mention, and one before {@code @} that stops it. */
    public static boolean isNameChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
    }

    /** Whether {@code text} mentions the user named {@code username} (any case). */
    public static boolean mentions(String text, String username) {
        return keys(text).contains(NameRules.key(username));
    }

    private static void add(Set<String> keys, String run) {
        if (NameRules.isUsername(run)) {
            keys.add(NameRules.key(run));
        }
    }
}
