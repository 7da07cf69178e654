package org.parley.server.net;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.parley.protocol.ErrorCode;
import org.parley.protocol.ServerMessage;
import org.parley.server.RequestRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns failures into {@code error} replies; anything unexpected becomes INTERNAL and is logged here. */
final class Replies {
    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private Replies() {
    }

    static ServerMessage.Error error(String re, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RequestRefusedException refused) {
            return new ServerMessage.Error(re, refused.code(), refused.getMessage(), refused.retryAfterMs());
        }
        LOG.error("request {} failed", re, cause);
        return ServerMessage.Error.of(re, ErrorCode.INTERNAL, "internal server error; the request may be retried");
    }
}
