package org.parley.server.chat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.parley.protocol.ErrorCode;
import org.parley.server.RequestRefusedException;
import org.parley.server.store.StoreException;

/**
 * Turns a storage failure into the reply the protocol promises: {@code UNAVAILABLE} when nothing was done (retry
 * later), {@code OUTCOME_UNKNOWN} when a commit failed in a way that may still have stored it (retry; a send with
 * the same key, which the server recognises). The cause is logged where it happened; the client hears no paths.
 */
public final class StoreFailures {
    static final String UNAVAILABLE = "storage unavailable, nothing was done; retry later";
    static final String FULL = "storage full, nothing was done; retry later";
    static final String UNKNOWN = "storage failed while committing: this may or may not have taken effect;"
            + " retry (a send with the same key)";

    private StoreFailures() {
    }

    /** {@code future}, with a storage failure replaced by the {@link RequestRefusedException} to answer it with. */
    public static <T> CompletableFuture<T> answered(CompletableFuture<T> future) {
        return future.handle((value, failure) -> {
            if (failure == null) {
                return value;
            }
            throw new CompletionException(translate(failure));
        });
    }

    /** True for a failure {@link #answered} made of a storage failure. */
    public static boolean isStorageFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof RequestRefusedException chat
                && (chat.code() == ErrorCode.UNAVAILABLE || chat.code() == ErrorCode.OUTCOME_UNKNOWN);
    }

    static Throwable translate(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (!(cause instanceof StoreException store) || !store.isStorage()) {
            return cause;
        }
        if (store.outcome() == StoreException.Outcome.UNKNOWN) {
            return new RequestRefusedException(ErrorCode.OUTCOME_UNKNOWN, UNKNOWN);
        }
        return new RequestRefusedException(ErrorCode.UNAVAILABLE, store.isFull() ? FULL : UNAVAILABLE);
    }
}
