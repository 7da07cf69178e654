package org.parley.server.limit;

/**
 * The (account, address) pairs that logged in successfully before, which protocol 8.3 exempts from the per-account
 * ceiling: this node's memory ({@link RecentLogins}), or on a cluster Redis, shared by every node.
 */
public interface KnownLogins {
    boolean contains(String pair);

    void remember(String pair);
}
