package org.parley.client.core;

/** Handle returned by {@link ParleyClient#addListener}; closing it removes the listener. Idempotent. */
@FunctionalInterface
public interface Registration extends AutoCloseable {
    @Override
    void close();
}
