package org.parley.client.ui.internal;

import org.eclipse.osgi.util.NLS;

/**
 * Messages that depend on a count. Such a message lists its forms separated by {@code |}: two (one, other) as in
 * English, or three (one, few, many) as in Russian; the number of forms a translation gives chooses its rule, so each
 * properties file decides for its own language.
 */
public final class Plurals {
    /** What separates the forms of a message; a form may not contain it. */
    public static final String SEPARATOR = "|"; //$NON-NLS-1$

    private Plurals() {
    }

    /**
     * The form of {@code forms} for {@code count}, with {@code {0}} bound to it.
     *
     * @throws IllegalArgumentException if {@code forms} has neither two nor three forms
     */
    // Not ChoiceFormat: it picks by ranges of numbers, Russian by the last digits (21 and 101 as 1, but 11 and 111 as 5).
    public static String bind(String forms, long count) {
        String[] form = forms.split(java.util.regex.Pattern.quote(SEPARATOR), -1);
        int chosen = switch (form.length) {
            case 2 -> count == 1 ? 0 : 1;
            case 3 -> russian(count);
            default -> throw new IllegalArgumentException("a message with plural forms has two (one" + SEPARATOR
                    + "other) or three (one" + SEPARATOR + "few" + SEPARATOR + "many), not " + form.length + ": "
                    + forms);
        };
        return NLS.bind(form[chosen], count);
    }

    /** 0 for 1, 21, 101 ...; 1 for 2-4, 22-24 ...; 2 for 0, 5-20, 25-30, 111-114 ... */
    private static int russian(long count) {
        long lastTwo = Math.abs(count) % 100;
        long last = lastTwo % 10;
        if (last == 1 && lastTwo != 11) {
            return 0;
        }
        return last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14) ? 1 : 2;
    }
}
