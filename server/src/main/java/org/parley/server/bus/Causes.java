package org.parley.server.bus;

/** Words for a failure in one log or error line. */
final class Causes {
    private Causes() {
    }

    /** The innermost cause's words ("Connection refused"), without a class name. */
    static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
