package org.parley.server.store;

import java.sql.SQLException;

/** An {@link SQLException} carried through a {@link java.util.concurrent.CompletableFuture}. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
