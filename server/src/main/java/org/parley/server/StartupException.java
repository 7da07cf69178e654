package org.parley.server;

/**
 * A fault the operator has to fix before the server (or an admin command) can run. Its message is the whole
 * story in one line: what is wrong, with which file or option, and what to do; the CLI prints it and exits
 * with {@link #exitCode()}, without a stack trace.
 */
public final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public StartupException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public StartupException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
