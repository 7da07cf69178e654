package org.parley.server.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Security events (failed logins, throttling, refused connections, ...) for the operator, at WARN under the logger
 * {@code org.parley.server.security}, one line each with the peer's address. Each kind of event is rate-limited on
 * its own: the first in a window is logged, the rest are counted and the count rides on the next line logged, so
 * an attack leaves a readable trace instead of a log storm (1,100 failed logins used to leave 3 lines, descriptor
 * exhaustion 17 ERROR lines a second).
 */
public final class SecurityLog {
    private static final Logger LOG = LoggerFactory.getLogger("org.parley.server.security");
    private static final long DEFAULT_WINDOW_NANOS = 10_000_000_000L;

    /** The server's log. */
    public static final SecurityLog SHARED = new SecurityLog(DEFAULT_WINDOW_NANOS, System::nanoTime, LOG::warn);

    private final long windowNanos;
    private final LongSupplier clock;
    private final Consumer<String> sink;
    private final Map<String, Window> windows = new HashMap<>();

    /** Tests give their own clock and sink. */
    public SecurityLog(long windowNanos, LongSupplier clock, Consumer<String> sink) {
        this.windowNanos = windowNanos;
        this.clock = clock;
        this.sink = sink;
    }

    /**
     * Records one event. {@code kind} is a short stable word (e.g. {@code login-failed}); {@code address} the peer
     * (a socket address or a host string); {@code detail} what happened, in plain words (never a password).
     */
    public void event(String kind, Object address, String detail) {
        String line;
        synchronized (this) {
            long now = clock.getAsLong();
            Window window = windows.get(kind);
            if (window != null && now - window.start < windowNanos) {
                window.suppressed++;
                return;
            }
            long suppressed = window == null ? 0 : window.suppressed;
            windows.put(kind, new Window(now));
            line = "security " + kind + " from " + host(address) + ": " + detail
                    + (suppressed > 0 ? " (and " + suppressed + " more " + kind + " since the last line)" : "");
        }
        sink.accept(line);
    }

    private static String host(Object address) {
        if (address instanceof java.net.InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        }
        return String.valueOf(address);
    }

    private static final class Window {
        final long start;
        long suppressed;

        Window(long start) {
            this.start = start;
        }
    }
}
