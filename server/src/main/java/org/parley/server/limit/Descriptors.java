package org.parley.server.limit;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

import com.sun.management.UnixOperatingSystemMXBean;

/**
 * The process's file descriptors, as the JVM reports them on Unix (the soft RLIMIT_NOFILE, which the JVM raises to
 * the hard limit at start unless told not to, and the count open now). Elsewhere both are unknown.
 */
public final class Descriptors {
    static {
        // Loads the JVM's native management library now: loading it first when descriptors have run out fails
        // (UnsatisfiedLinkError: Too many open files), which would take the acceptor thread down with it.
        limit();
        open();
    }

    private Descriptors() {
    }

    /** The soft limit, or -1 if unknown. */
    public static long limit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }

    /** Descriptors open now, or -1 if unknown. Lists /proc/self/fd: cheap once, not per connection. */
    public static long open() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
    }

    /**
     * True if the process has (almost) no descriptor left: the count reaches the limit, or counting itself fails for
     * want of a descriptor to read /proc/self/fd with (the JVM then throws an Error).
     */
    public static boolean exhausted() {
        long limit = limit();
        if (limit < 0) {
            return false;
        }
        try {
            return open() >= limit - 1;
        } catch (InternalError | LinkageError cannotCount) {
            return true;
        }
    }

    /**
     * How many connections the server may hold: {@code configured} if positive, else the descriptors left under
     * the limit after those open now and {@code reserve} more (at least 2 so a tiny limit still admits someone;
     * unbounded if the limit is unknown).
     */
    public static int connectionCeiling(int configured, int reserve) {
        if (configured > 0) {
            return configured;
        }
        long limit = limit();
        long open = open();
        if (limit < 0 || open < 0) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.max(2, Math.min(Integer.MAX_VALUE, limit - open - reserve));
    }
}
