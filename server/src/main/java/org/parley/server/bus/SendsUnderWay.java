package org.parley.server.bus;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sends of this node that are under way, per conversation and author. A message stored here can be visible in
 * the store before its commit callback has named the sender's connection (a group commit makes a batch visible at
 * once and then runs its callbacks one by one, while a catch-up started by an earlier message reads the whole batch):
 * a catch-up that meets a message whose sender is unknown but whose author has a send under way here waits for that
 * send, or the sender's connection would be pushed its own message. Thread-safe.
 */
final class SendsUnderWay {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    /**
     * Counts a send of {@code userKey} in {@code conv}; the answer ends it (once, however often it runs) and then
     * runs {@code ended}.
     */
    Runnable begin(String conv, String userKey, Runnable ended) {
        String key = key(conv, userKey);
        counts.merge(key, 1, Integer::sum);
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                counts.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
                ended.run();
            }
        };
    }

    boolean underWay(String conv, String userKey) {
        return counts.containsKey(key(conv, userKey));
    }

    private static String key(String conv, String userKey) {
        return conv + '\0' + userKey;
    }
}
