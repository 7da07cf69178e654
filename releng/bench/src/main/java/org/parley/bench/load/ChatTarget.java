package org.parley.bench.load;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A chat server under test, seen by the fan-out scenarios: it seats bots in one room. */
public interface ChatTarget extends AutoCloseable {
    /** "Parley" or "InspIRCd". */
    String name();

    /** Connects bot number {@code index}, logs it in and joins it to the room; its deliveries go to {@code sink}. */
    CompletableFuture<ChatBot> seat(int index, Deliveries sink);

    /**
     * The processes serving the room, whose CPU time a step measures: the server, or a cluster's nodes, PostgreSQL and
     * Redis (a process's children count with it: PostgreSQL's backends).
     */
    List<Long> pids();

    @Override
    void close();
}
