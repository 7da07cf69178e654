package org.parley.server.util;

/**
 * Looking through an exception's chain of causes: the connection handlers to decide how a failure ends, startup and the
 * bus to name a failure in one line by what went wrong underneath.
 */
public final class Causes {
    private Causes() {
    }

    /** The first of {@code t} and its causes that is a {@code type}, or null. */
    public static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** The innermost cause of {@code t} ({@code t} itself when it has none). */
    public static Throwable root(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The innermost cause's words ("Connection refused"), without a class name. */
    public static String reason(Throwable t) {
        Throwable cause = root(t);
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
