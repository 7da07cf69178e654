package org.parley.client.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.parley.protocol.ChatMessage;

class SeenMessagesTest {

    private static ChatMessage msg(long id, String from, String to) {
        return new ChatMessage(id, from, to, "t" + id, Instant.EPOCH);
    }

    @Test
    void dedupesByIdAndTracksWhereCatchUpStarts() {
        SeenMessages seen = new SeenMessages();
        assertTrue(seen.offer("#a", msg(5, "x", "#a")));
        assertFalse(seen.offer("#a", msg(5, "x", "#a")), "same id twice");
        assertTrue(seen.offer("#b", msg(9, "x", "#b")));
        assertTrue(seen.offer("#a", msg(3, "x", "#a")), "an older page");
        assertEquals(5, seen.catchUpFrom("#a"));
        assertEquals(9, seen.catchUpFrom("#never-shown"), "ids are server-wide, so the newest seen anywhere is safe");
        seen.clear();
        assertEquals(0, seen.catchUpFrom("#a"));
    }

    @Test
    void namesPrivateConversationsAfterTheOtherParty() {
        assertEquals("#a", SeenMessages.conversationOf(msg(1, "ann", "#a"), "ann"));
        assertEquals("@bob", SeenMessages.conversationOf(msg(1, "ann", "@bob"), "ann"));
        assertEquals("@ann", SeenMessages.conversationOf(msg(1, "ann", "@bob"), "bob"));
    }

    @Test
    void backoffGrowsWithJitterUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
        for (int i = 0; i < 50; i++) {
            long first = backoff.delayMillis(0);
            assertTrue(first >= 50 && first <= 100, "first " + first);
            long third = backoff.delayMillis(2);
            assertTrue(third >= 200 && third <= 400, "third " + third);
            long late = backoff.delayMillis(40);
            assertTrue(late >= 500 && late <= 1000, "capped " + late);
        }
    }
}
