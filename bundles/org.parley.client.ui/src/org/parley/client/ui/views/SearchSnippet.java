package org.parley.client.ui.views;

import java.util.ArrayList;
import java.util.List;

import org.parley.protocol.SearchWords;

/**
 * One search result as a table row shows it: the message on one line, starting a little before the first hit so the
 * hit is in sight even in a long message, with the ranges of the query's words to highlight.
 */
record SearchSnippet(String text, List<int[]> hits) {

    /** How much of the text before the first hit stays, for context. */
    static final int CONTEXT_CHARS = 40;
    /** Rows are summaries: the Chat view shows the whole message. */
    static final int MAX_CHARS = 240;

    static SearchSnippet of(String message, List<String> words) {
        String flat = MessageText.normalize(message).replace('\n', ' ');
        List<int[]> all = SearchWords.find(flat, words);
        int start = all.isEmpty() || all.get(0)[0] <= CONTEXT_CHARS ? 0 : all.get(0)[0] - CONTEXT_CHARS;
        // Begin at a word boundary, not in the middle of one.
        int space = flat.indexOf(' ', start);
        if (start > 0 && space >= 0 && space < all.get(0)[0]) {
            start = space + 1;
        }
        int end = Math.min(flat.length(), start + MAX_CHARS);
        String prefix = start > 0 ? MessageText.ELLIPSIS : "";
        String text = prefix + flat.substring(start, end) + (end < flat.length() ? MessageText.ELLIPSIS : "");
        List<int[]> hits = new ArrayList<>();
        for (int[] hit : all) {
            if (hit[0] >= start && hit[1] <= end) {
                hits.add(new int[] {hit[0] - start + prefix.length(), hit[1] - hit[0]});
            }
        }
        return new SearchSnippet(text, hits);
    }
}
