package org.parley.server.store.pg;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.parley.server.ExitCode;
import org.parley.server.StartupException;
import org.parley.server.util.Causes;

/**
 * PostgreSQL's failures by SQLSTATE class: which mean the database is away or short of something (a retry later may
 * work: UNAVAILABLE), which lost a transaction that a retry of the batch can redo at once (deadlock, serialization),
 * and what an operator reads when the server cannot start on it.
 */
final class PgFaults {

    private PgFaults() {
    }

    /** The connection is gone or going: class 08, an administrator's shutdown (57P01–57P03), a pool timeout, a socket error. */
    static boolean connectionLost(SQLException e) {
        String state = state(e);
        return e instanceof SQLTransientConnectionException || state.startsWith("08") || state.startsWith("57P")
                || state.isEmpty() && Causes.root(e) instanceof IOException;
    }

    /** The transaction was chosen as a deadlock victim or failed serialization: nothing stored, redo it. */
    static boolean retryable(SQLException e) {
        String state = state(e);
        return state.equals("40001") || state.equals("40P01");
    }

    /**
     * Faults of the database rather than of Parley's SQL: connection loss, insufficient resources (53: disk full,
     * memory, connections), operator intervention (57), system errors (58), a read-only server (25006), a lock
     * or statement timeout (55P03, 57014), and the retryable ones once retries ran out.
     */
    static boolean storage(SQLException e) {
        String state = state(e);
        return connectionLost(e) || retryable(e) || state.startsWith("53") || state.startsWith("57") || state.startsWith("58")
                || state.equals("25006") || state.equals("55P03") || state.startsWith("XX");
    }

    static boolean full(SQLException e) {
        return state(e).equals("53100");
    }

    /** One line for the operator, and its exit code, when the server cannot start on the store. */
    static StartupException startup(PgTarget target, SQLException e) {
        String state = state(e);
        Throwable root = Causes.root(e);
        if (state.equals("28P01") || state.equals("28000") || state.equals("08004")) {
            return new StartupException(ExitCode.STORE_LOGIN_REFUSED, "PostgreSQL at " + target + " refused the login: "
                    + firstLine(e) + "; check the user and password (in the URL, --store-password-file or"
                    + " PARLEY_STORE_PASSWORD) and pg_hba.conf", e);
        }
        if (state.equals("3D000")) {
            return new StartupException(ExitCode.STORE_UNREACHABLE, "PostgreSQL at " + target.host() + ":" + target.port()
                    + " has no database '" + target.database() + "'; create it (createdb -O " + target.user() + " "
                    + target.database() + ") or fix --store", e);
        }
        String why = root instanceof UnknownHostException ? "unknown host " + target.host()
                : root instanceof ConnectException ? "connection refused"
                : root instanceof SocketTimeoutException || root instanceof NoRouteToHostException ? "no answer (timed out)"
                : firstLine(e);
        return new StartupException(ExitCode.STORE_UNREACHABLE, "cannot reach PostgreSQL at " + target + ": " + why
                + "; check that it runs and that --store names the right host, port and database", e);
    }

    static String describe(SQLException e) {
        String state = state(e);
        return (state.isEmpty() ? "" : "[" + state + "] ") + firstLine(e);
    }

    private static String state(SQLException e) {
        return e.getSQLState() == null ? "" : e.getSQLState();
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
