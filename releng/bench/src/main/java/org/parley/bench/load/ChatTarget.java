package org.parley.bench.load;

import java.util.concurrent.CompletableFuture;

/** A chat server under test, seen by the fan-out scenarios: it seats bots in one room. */
public interface ChatTarget extends AutoCloseable {
    /** "Parley" or "InspIRCd". */
    String name();

    /** Connects bot number {@code index}, logs it in and joins it to the room; its deliveries go to {@code sink}. */
    CompletableFuture<ChatBot> seat(int index, Deliveries sink);

    /** Server process id, for memory figures. */
    long pid();

    @Override
    void close();
}
