package org.parley.client.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** Counted messages read right in English and in Russian, from the bundle's own properties files. */
class PluralsTest {

    @Test
    void englishSaysOneMessageAndOtherwiseMessages() throws IOException {
        String forms = load("messages.properties").getProperty("Search_Count");
        assertEquals("1 message found, newest first.", Plurals.bind(forms, 1));
        for (long n : new long[] { 0, 2, 11, 21, 101 }) {
            assertEquals(n + " messages found, newest first.", Plurals.bind(forms, n));
        }
    }

    @Test
    void russianHasItsThreeFormsByTheLastDigits() throws IOException {
        String forms = load("messages_ru.properties").getProperty("Search_Count");
        String one = "\u0441\u043e\u043e\u0431\u0449\u0435\u043d\u0438\u0435"; // сообщение
        String few = "\u0441\u043e\u043e\u0431\u0449\u0435\u043d\u0438\u044f"; // сообщения
        String many = "\u0441\u043e\u043e\u0431\u0449\u0435\u043d\u0438\u0439"; // сообщений
        for (long n : new long[] { 1, 21, 31, 101, 1001 }) {
            assertWord(forms, n, one);
        }
        for (long n : new long[] { 2, 3, 4, 22, 24, 102, 1004 }) {
            assertWord(forms, n, few);
        }
        for (long n : new long[] { 0, 5, 10, 11, 12, 13, 14, 15, 19, 20, 25, 30, 100, 111, 112, 114, 211 }) {
            assertWord(forms, n, many);
        }
    }

    /** The detail pane's count of selected messages beyond those it shows (MessageDetail). */
    @Test
    void theDetailPaneCountsTheMessagesItLeavesOut() throws IOException {
        String english = load("messages.properties").getProperty("Chat_DetailMore");
        assertEquals("\u2026 and 1 more selected message (Copy copies all of them)", Plurals.bind(english, 1));
        assertEquals("\u2026 and 7 more selected messages (Copy copies all of them)", Plurals.bind(english, 7));
        String russian = load("messages_ru.properties").getProperty("Chat_DetailMore");
        String selectedOne = "\u0432\u044b\u0434\u0435\u043b\u0435\u043d\u043d\u043e\u0435 "
                + "\u0441\u043e\u043e\u0431\u0449\u0435\u043d\u0438\u0435"; // выделенное сообщение
        String selectedFew = "\u0432\u044b\u0434\u0435\u043b\u0435\u043d\u043d\u044b\u0445 "
                + "\u0441\u043e\u043e\u0431\u0449\u0435\u043d\u0438\u044f"; // выделенных сообщения
        String selectedMany = "\u0432\u044b\u0434\u0435\u043b\u0435\u043d\u043d\u044b\u0445 "
                + "\u0441\u043e\u043e\u0431\u0449\u0435\u043d\u0438\u0439"; // выделенных сообщений
        assertTrue(Plurals.bind(russian, 21).contains(" 21 " + selectedOne + " "), Plurals.bind(russian, 21));
        assertTrue(Plurals.bind(russian, 3).contains(" 3 " + selectedFew + " "), Plurals.bind(russian, 3));
        assertTrue(Plurals.bind(russian, 12).contains(" 12 " + selectedMany + " "), Plurals.bind(russian, 12));
    }

    @Test
    void aMessageWithoutTwoOrThreeFormsIsRefusedSayingWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plurals.bind("{0} messages found", 2));
        assertEquals("a message with plural forms has two (one|other) or three (one|few|many), not 1: "
                + "{0} messages found", e.getMessage());
    }

    private static void assertWord(String forms, long n, String word) {
        String text = Plurals.bind(forms, n);
        assertTrue(text.contains(" " + n + " " + word + ","), n + ": " + text);
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream(file)) {
            properties.load(in);
        }
        return properties;
    }
}
