package org.parley.server.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parley.server.limit.ConnectionLimits.Refusal;
import org.parley.server.limit.ConnectionLimits.Ticket;

/** The admission rules, counter by counter. */
class ConnectionLimitsTest {

    @Test
    void oneAddressGetsItsCapAndOthersStillGetIn() {
        ConnectionLimits limits = new ConnectionLimits(3, 100, 1000);
        List<Ticket> held = admitAll(limits, "10.0.0.1", 3);
        assertEquals(Refusal.PER_ADDRESS, limits.admit("10.0.0.1").refusal());
        assertTrue(limits.admit("10.0.0.2").admitted());
        held.get(0).release();
        assertTrue(limits.admit("10.0.0.1").admitted(), "a closed connection frees its address's place");
        assertEquals(1, limits.refused());
    }

    @Test
    void loggingInFreesAPlaceAmongTheNotLoggedIn() {
        ConnectionLimits limits = new ConnectionLimits(100, 2, 1000);
        Ticket first = limits.admit("a");
        limits.admit("b");
        assertEquals(Refusal.UNAUTHENTICATED, limits.admit("c").refusal());
        first.loggedIn(true);
        first.loggedIn(true);
        assertTrue(limits.admit("c").admitted());
        assertEquals(3, limits.open());
        assertEquals(2, limits.openNotLoggedIn(), "a second login of the same ticket counts once");
        first.loggedIn(false);
        assertEquals(3, limits.openNotLoggedIn(), "a logout rejoins the not-logged-in count");
    }

    @Test
    void theTotalCapsEveryoneAndHalfOfItIsKeptForLoggedInConnections() {
        ConnectionLimits limits = new ConnectionLimits(100, 1000, 10);
        assertEquals(5, limits.unauthenticated(), "not logged in: at most half of the total");
        List<Ticket> users = admitAll(limits, "users", 5);
        assertEquals(Refusal.UNAUTHENTICATED, limits.admit("attacker").refusal());
        users.forEach(t -> t.loggedIn(true));
        admitAll(limits, "more", 5);
        assertEquals(Refusal.DESCRIPTORS, limits.admit("late").refusal());
        assertEquals(10, limits.open());
    }

    @Test
    void aReleaseCountsOnceEvenAfterALoginRacedIt() {
        ConnectionLimits limits = new ConnectionLimits(100, 100, 1000);
        Ticket ticket = limits.admit("a");
        ticket.release();
        ticket.loggedIn(true);
        ticket.release();
        assertEquals(0, limits.open());
        assertEquals(0, limits.openNotLoggedIn());
    }

    @Test
    void aRefusedTicketHoldsNothing() {
        ConnectionLimits limits = new ConnectionLimits(1, 100, 1000);
        limits.admit("a");
        Ticket refused = limits.admit("a");
        assertEquals(Refusal.PER_ADDRESS, refused.refusal());
        refused.loggedIn(true);
        refused.release();
        assertEquals(1, limits.open());
        assertEquals(1, limits.openNotLoggedIn());
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionLimits(0, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new ConnectionLimits(10, 10, 1));
    }

    private static List<Ticket> admitAll(ConnectionLimits limits, String address, int count) {
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Ticket ticket = limits.admit(address);
            assertTrue(ticket.admitted(), () -> address + " #" + tickets.size() + ": " + ticket.refusal());
            tickets.add(ticket);
        }
        return tickets;
    }
}
