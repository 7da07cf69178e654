package org.parley.client.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.parley.protocol.ChatMessage;

class ConversationsTest {

    private static ChatMessage msg(String from, String to) {
        return new ChatMessage(1, from, to, "t", Instant.EPOCH);
    }

    @Test
    void keysAreLowerCaseAndPrivateConversationsNameTheOtherParty() {
        assertEquals("#dev", Conversations.key("#Dev"));
        assertEquals("@bob", Conversations.key("@Bob"));
        assertEquals("#dev", Conversations.of(msg("Ann", "#dev"), "ann"));
        assertEquals("@bob", Conversations.of(msg("Ann", "@Bob"), "ann"), "my own message: the recipient");
        assertEquals("@ann", Conversations.of(msg("Ann", "@Bob"), "Bob"), "a message to me: the sender");
        assertEquals("@ann", Conversations.of(msg("Ann", "@Ann"), "Ann"), "a note to myself");
        assertThrows(IllegalArgumentException.class, () -> Conversations.key("general"));
        assertThrows(IllegalArgumentException.class, () -> Conversations.key("#"));
    }

    @Test
    void serverAddressesParseLikeTheCommandLine() {
        assertEquals(new ServerAddress("chat.example.org", ServerAddress.DEFAULT_PORT), ServerAddress.parse("chat.example.org"));
        assertEquals(new ServerAddress("10.0.0.1", 9000), ServerAddress.parse(" 10.0.0.1:9000 "));
        assertEquals(new ServerAddress("::1", 7443), ServerAddress.parse("[::1]:7443"));
        assertEquals("[::1]:7443", new ServerAddress("::1", 7443).toString());
        assertThrows(IllegalArgumentException.class, () -> new ServerAddress("h", 0));
    }
}
