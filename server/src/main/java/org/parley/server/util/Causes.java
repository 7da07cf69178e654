package org.parley.server.util;

/** Looking through an exception's chain of causes, as the connection handlers do to decide how a failure ends. */
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
}
