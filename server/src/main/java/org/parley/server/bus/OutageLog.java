package org.parley.server.bus;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;

/**
 * The log lines of one part of a node that asks Redis on every call (shared budgets, known login addresses): one WARN
 * when Redis stops answering and one INFO when it answers again, not a line per call.
 */
final class OutageLog {
    private final Logger log;
    private final String part;
    private final String meanwhile;
    private final String again;
    private final AtomicBoolean lost = new AtomicBoolean();

    /**
     * @param part      what the lines are about ("login throttling")
     * @param meanwhile what the node does while Redis is away
     * @param again     what holds once Redis answers again
     */
    OutageLog(Logger log, String part, String meanwhile, String again) {
        this.log = log;
        this.part = part;
        this.meanwhile = meanwhile;
        this.again = again;
    }

    /** Redis answered a call. */
    void answered() {
        if (lost.compareAndSet(true, false)) {
            log.info("{}: Redis answers again; {}", part, again);
        }
    }

    /** A call to Redis failed with {@code e}. */
    void failed(RuntimeException e) {
        if (lost.compareAndSet(false, true)) {
            log.warn("{}: Redis unavailable ({}); {}", part, e.getMessage(), meanwhile);
        }
    }
}
