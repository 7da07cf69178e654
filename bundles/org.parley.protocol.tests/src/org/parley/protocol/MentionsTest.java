package org.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The mention rule of docs/protocol.md: @ at a word start, a whole name, case-folded, trailing dots forgiven. */
class MentionsTest {

    @Test
    void aMentionIsAWholeNameAfterAnAtThatStartsAWord() {
        assertTrue(Mentions.mentions("hi @Bob, look", "bob"));
        assertTrue(Mentions.mentions("@BOB", "Bob"));
        assertTrue(Mentions.mentions("thanks @bob.", "bob"), "a sentence's full stop is not part of the name");
        assertTrue(Mentions.mentions("(@bob)", "bob"));
        assertFalse(Mentions.mentions("mail bob@bob.example", "bob"), "inside a word it is an address, not a mention");
        assertFalse(Mentions.mentions("@bobby", "bob"), "a longer name is someone else");
        assertFalse(Mentions.mentions("bob", "bob"), "no @, no mention");
    }

    @Test
    void keysAreCandidatesInOrderWithoutInvalidNames() {
        assertEquals(List.copyOf(Set.of("carol")), List.copyOf(Mentions.keys("@ab @Carol")), "ab is too short to be a name");
        assertEquals(List.of("dot.name.", "dot.name"), List.copyOf(Mentions.keys("@dot.name.")));
    }

    @Test
    void nameCharactersAreTheAsciiOnesOfUsernames() {
        for (char c : "azAZ09_.-".toCharArray()) {
            assertTrue(Mentions.isNameChar(c), "name character " + c);
        }
        for (char c : " @#+,:;(é".toCharArray()) {
            assertFalse(Mentions.isNameChar(c), "not a name character " + c);
        }
    }
}
