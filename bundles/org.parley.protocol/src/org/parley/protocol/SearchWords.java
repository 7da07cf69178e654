package org.parley.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a search query means (docs/protocol.md 6.14): its words, each a run of Unicode letters and digits, lower-cased;
 * everything else (quotes, operators, punctuation) only separates words, so no text is ever search-engine syntax.
 */
public final class SearchWords {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private SearchWords() {
    }

    /** The distinct words of {@code query} in order, at most {@link Limits#MAX_SEARCH_WORDS}. */
    public static List<String> of(String query) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(query);
        while (m.find() && words.size() < Limits.MAX_SEARCH_WORDS) {
            String word = m.group().toLowerCase(Locale.ROOT);
            if (!words.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    /**
     * Where {@code words} (as {@link #of} gives them) occur in {@code text} as whole words, by the same rule the
     * server matches by: start and end (exclusive) of each occurrence, in order. For highlighting a result.
     */
    public static List<int[]> find(String text, List<String> words) {
        List<int[]> found = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            if (words.contains(m.group().toLowerCase(Locale.ROOT))) {
                found.add(new int[] {m.start(), m.end()});
            }
        }
        return found;
    }
}
