package org.parley.server.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writer's connection with its prepared statements kept: {@code prepareStatement} hands back the statement it
 * made for that SQL last time, and {@code close} on it only clears it for the next use. Preparing was ~45% of the
 * writer thread's time (the read-marker upsert and the insert are re-parsed for every message; FINDINGS stop 13).
 * Our own because sqlite-jdbc keeps no statement cache and HikariCP deliberately has none; this one serves a single
 * connection used by a single thread. A failed write may leave a statement in a state we do not know, so the writer
 * {@link #forgetStatements forgets} them all after any failure.
 */
final class StatementCache implements InvocationHandler {
    private final Connection connection;
    /** The driver's statement and the handle given out for it. */
    private record Kept(PreparedStatement statement, PreparedStatement handle) {
    }

    private final Map<List<Object>, Kept> statements = new HashMap<>();

    private StatementCache(Connection connection) {
        this.connection = connection;
    }

    /** {@code connection} behind the cache; only ever used from one thread. */
    static Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new StatementCache(connection));
    }

    /** Closes every kept statement (they are prepared again on next use); {@code connection} must be {@link #wrap}ped. */
    static void forgetStatements(Connection connection) {
        if (Proxy.isProxyClass(connection.getClass())
                && Proxy.getInvocationHandler(connection) instanceof StatementCache cache) {
            cache.closeAll();
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("prepareStatement")) {
            List<Object> key = List.of(args);
            Kept kept = statements.get(key);
            if (kept == null) {
                PreparedStatement statement = (PreparedStatement) call(method, args);
                kept = new Kept(statement, reusable(statement));
                statements.put(key, kept);
            }
            return kept.handle();
        }
        if (name.equals("close")) {
            closeAll();
        }
        return call(method, args);
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(connection, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The kept statement, whose {@code close} readies it for the next use instead of closing it. */
    private static PreparedStatement reusable(PreparedStatement kept) {
        return (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        ResultSet open = kept.getResultSet();
                        if (open != null) {
                            open.close();
                        }
                        kept.clearParameters();
                        kept.clearBatch();
                        return null;
                    }
                    try {
                        return method.invoke(kept, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void closeAll() {
        for (Kept kept : statements.values()) {
            try {
                kept.statement().close();
            } catch (SQLException e) {
                // being discarded either way
            }
        }
        statements.clear();
    }
}
