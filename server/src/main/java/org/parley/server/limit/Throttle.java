package org.parley.server.limit;

/** Budgets per key (an account, an address): one node's ({@link KeyedThrottle}) or a cluster's (in Redis). */
public interface Throttle {
    /** Charges one attempt to the key: 0 when allowed, otherwise milliseconds to wait. */
    long tryTake(String key);

    /** Gives back what {@link #tryTake} charged, e.g. when the attempt turned out legitimate. */
    void refund(String key);

    /** Makes the budget of one kind: {@code capacity} tokens refilled at {@code perSecond}. */
    @FunctionalInterface
    interface Factory {
        Factory LOCAL = KeyedThrottle::new;

        Throttle create(String name, double capacity, double perSecond, java.time.Clock clock);
    }
}
