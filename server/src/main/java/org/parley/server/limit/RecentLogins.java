package org.parley.server.limit;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@link KnownLogins} in this node's memory: the most recently used pairs, up to a bound. */
public final class RecentLogins implements KnownLogins {
    /** Beyond this many pairs the least recently used are forgotten. */
    public static final int BOUND = 100_000;

    private final Map<String, Boolean> pairs = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > BOUND;
        }
    };

    @Override
    public synchronized boolean contains(String pair) {
        return pairs.containsKey(pair);
    }

    @Override
    public synchronized void remember(String pair) {
        pairs.put(pair, Boolean.TRUE);
    }
}
