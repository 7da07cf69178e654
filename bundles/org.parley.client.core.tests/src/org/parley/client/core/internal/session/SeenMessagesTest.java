package org.parley.client.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(9, seen.catchUpFrom("#never-shown"), "without a baseline: the newest seen anywhere");
        seen.markEmpty("#empty");
        assertTrue(seen.knows("#empty"));
        assertEquals(0, seen.catchUpFrom("#empty"), "empty at its baseline: everything later is new, whatever other ids are");
        assertTrue(seen.offer("#empty", msg(4, "x", "#empty")), "protocol 2: a smaller id than another conversation's");
        assertEquals(4, seen.catchUpFrom("#empty"));
        seen.markEmpty("#empty");
        assertEquals(4, seen.catchUpFrom("#empty"), "a later empty baseline does not forget what was seen");
        seen.clear();
        assertEquals(0, seen.catchUpFrom("#a"));
    }

    /**
     * A conversation opened while its newest message's push is still on the way (on a cluster the bus may bring it
     * after the baseline's reply): catch-up starts after it, and the push is still announced. FailoverTest's first
     * cross-node message was lost this way in CI when the baseline marked it as shown.
     */
    @Test
    void aBaselineSetsWhereCatchUpStartsWithoutHidingThatMessagesPush() {
        SeenMessages seen = new SeenMessages();
        seen.markBaseline("#a", 7);
        assertTrue(seen.knows("#a"));
        assertEquals(7, seen.catchUpFrom("#a"));
        assertTrue(seen.offer("#a", msg(7, "x", "#a")), "the push of the baseline's message is new to the user");
        assertFalse(seen.offer("#a", msg(7, "x", "#a")), "and announced once");
        seen.markBaseline("#a", 3);
        assertEquals(7, seen.catchUpFrom("#a"), "an older baseline does not move catch-up back");
    }
}
