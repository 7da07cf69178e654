package org.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/** The name rules every side shares: the limits of docs/protocol.md, and case folding that ignores the locale. */
class NameRulesTest {

    @Test
    void usernamesAreThreeToThirtyTwoPlainCharacters() {
        assertTrue(NameRules.isUsername("bob"));
        assertTrue(NameRules.isUsername("a.b-c_9" + "x".repeat(25)));
        assertFalse(NameRules.isUsername("bo"));
        assertFalse(NameRules.isUsername("x".repeat(33)));
        assertFalse(NameRules.isUsername("bob smith"));
        assertFalse(NameRules.isUsername("bøb"));
        assertFalse(NameRules.isUsername(null));
    }

    @Test
    void aUsernamePrefixIsAtMostThirtyTwoPlainCharacters() {
        assertTrue(NameRules.isUsernamePrefix("al"));
        assertTrue(NameRules.isUsernamePrefix(""));
        assertTrue(NameRules.isUsernamePrefix("x".repeat(32)));
        assertFalse(NameRules.isUsernamePrefix("x".repeat(33)));
        assertFalse(NameRules.isUsernamePrefix("al ice"));
        assertFalse(NameRules.isUsernamePrefix(null));
    }

    @Test
    void roomsAreAHashAndOneToSixtyFourPlainCharacters() {
        assertTrue(NameRules.isRoom("#a"));
        assertTrue(NameRules.isRoom("#" + "r".repeat(NameRules.MAX_ROOM)));
        assertFalse(NameRules.isRoom("#" + "r".repeat(NameRules.MAX_ROOM + 1)));
        assertFalse(NameRules.isRoom("dev"));
        assertFalse(NameRules.isRoom("#"));
        assertFalse(NameRules.isRoom(null));
    }

    @Test
    void keysFoldAsciiCaseWhateverTheLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr"));
            assertEquals("#india", NameRules.key("#INDIA"), "no dotless i in Turkish");
            assertEquals("@bob", NameRules.key("@Bob"));
        } finally {
            Locale.setDefault(before);
        }
    }
}
