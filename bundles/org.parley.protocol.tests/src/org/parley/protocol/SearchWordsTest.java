package org.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A query is words: FTS operators, quotes and stars are separators, never syntax. */
class SearchWordsTest {

    @Test
    void operatorsAndPunctuationOnlySeparateWords() {
        assertEquals(List.of("release", "notes", "or"), SearchWords.of("\"Release NOTES\" OR release*"));
        assertEquals(List.of("naïve", "привет", "42"), SearchWords.of("NAÏVE: привет -42"));
        assertEquals(List.of(), SearchWords.of("\" * ( ) : ^ -"));
        assertEquals(Limits.MAX_SEARCH_WORDS, SearchWords.of("a b c d e f g h i j k l m n o p q r s").size());
    }

    @Test
    void findMarksWholeWordsInAnyCaseOnly() {
        String text = "Deploy! redeploy, DEPLOY the deployment";
        List<int[]> found = SearchWords.find(text, SearchWords.of("deploy"));
        assertEquals(List.of("Deploy", "DEPLOY"), found.stream().map(r -> text.substring(r[0], r[1])).toList());
    }
}
