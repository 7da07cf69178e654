package org.parley.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of database work run against a connection owned by the calling thread. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
