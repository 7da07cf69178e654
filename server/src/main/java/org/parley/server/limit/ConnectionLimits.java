package org.parley.server.limit;

import java.util.HashMap;
import java.util.Map;

/**
 * Which new connections the server takes, decided at accept before any TLS work: at most {@code perAddress} open
 * connections from one client address, at most {@code unauthenticated} not yet logged in from all addresses
 * together, and at most {@code total} in all (the descriptors the process may use, less a reserve). Connections not
 * logged in may hold at most half of {@code total}: the other half stays free for connections that log in, so a
 * crowd that never logs in cannot take the descriptors logged-in users and their reconnects need.
 *
 * <p>One lock for all counters: an admission is a few map operations, far cheaper than the accept itself.
 */
public final class ConnectionLimits {
    /** Why a connection was refused; the word is also the kind of its security event. */
    public enum Refusal {
        PER_ADDRESS("refused-per-address"),
        UNAUTHENTICATED("refused-unauthenticated"),
        DESCRIPTORS("refused-descriptors");

        public final String kind;

        Refusal(String kind) {
            this.kind = kind;
        }
    }

    private final int perAddress;
    private final int unauthenticated;
    private final int total;
    private final Map<String, Integer> byAddress = new HashMap<>();
    private int open;
    private int loggedOut;
    private long refused;

    public ConnectionLimits(int perAddress, int unauthenticated, int total) {
        if (perAddress < 1 || unauthenticated < 1 || total < 2) {
            throw new IllegalArgumentException("connection limits must be positive (total at least 2), got "
                    + perAddress + " per address, " + unauthenticated + " not logged in, " + total + " in all");
        }
        this.perAddress = perAddress;
        this.unauthenticated = Math.min(unauthenticated, total / 2);
        this.total = total;
    }

    /** The connection's place, or null with {@code refusal} telling why there is none. */
    public synchronized Ticket admit(String address) {
        Refusal refusal = refusal(address);
        if (refusal != null) {
            refused++;
            return new Ticket(this, address, refusal);
        }
        byAddress.merge(address, 1, Integer::sum);
        open++;
        loggedOut++;
        return new Ticket(this, address, null);
    }

    private Refusal refusal(String address) {
        // The most specific reason first: one address over its cap is that address's doing.
        if (byAddress.getOrDefault(address, 0) >= perAddress) {
            return Refusal.PER_ADDRESS;
        }
        if (open >= total) {
            return Refusal.DESCRIPTORS;
        }
        if (loggedOut >= unauthenticated) {
            return Refusal.UNAUTHENTICATED;
        }
        return null;
    }

    public int perAddress() {
        return perAddress;
    }

    /** The cap on connections not logged in, after halving against {@link #total()}. */
    public int unauthenticated() {
        return unauthenticated;
    }

    public int total() {
        return total;
    }

    public synchronized int open() {
        return open;
    }

    public synchronized int openNotLoggedIn() {
        return loggedOut;
    }

    /** Connections refused since start. */
    public synchronized long refused() {
        return refused;
    }

    /**
     * One admitted (or refused) connection's share of the counters. Every change goes through the limits' lock,
     * so a login racing the connection's close counts exactly once, and a second release does nothing.
     */
    public static final class Ticket {
        private final ConnectionLimits limits;
        private final String address;
        private final Refusal refusal;
        private boolean loggedIn;
        private boolean released;

        private Ticket(ConnectionLimits limits, String address, Refusal refusal) {
            this.limits = limits;
            this.address = address;
            this.refusal = refusal;
            this.released = refusal != null;
        }

        public boolean admitted() {
            return refusal == null;
        }

        /** Why the connection was refused; null if it was admitted. */
        public Refusal refusal() {
            return refusal;
        }

        public String address() {
            return address;
        }

        /** The connection logged in (true) or out (false): it leaves or rejoins the not-logged-in count. */
        public void loggedIn(boolean value) {
            synchronized (limits) {
                if (released || loggedIn == value) {
                    return;
                }
                loggedIn = value;
                limits.loggedOut += value ? -1 : 1;
            }
        }

        /** The connection closed. */
        public void release() {
            synchronized (limits) {
                if (released) {
                    return;
                }
                released = true;
                limits.open--;
                if (!loggedIn) {
                    limits.loggedOut--;
                }
                limits.byAddress.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
            }
        }
    }
}
