package org.parley.server.irc;

import java.util.concurrent.CompletionException;

import org.parley.protocol.ErrorCode;
import org.parley.server.RequestRefusedException;

/** Parley's refusals as the numerics IRC clients show; what has no numeric becomes a NOTICE naming the code. */
final class Failures {
    private Failures() {
    }

    static RequestRefusedException unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof RequestRefusedException chat ? chat : new RequestRefusedException(ErrorCode.INTERNAL, "internal error");
    }

    /** {@code command} failed for {@code target} (a channel or a nick). */
    static void report(IrcClient c, String command, String target, Throwable failure) {
        RequestRefusedException e = unwrap(failure);
        boolean channel = target.startsWith("#");
        switch (e.code()) {
            case NO_SUCH_ROOM -> Out.numeric(c, "403", target, "No such channel");
            case NOT_A_MEMBER -> Out.numeric(c, command.equals("PART") ? "442" : "404", target,
                    command.equals("PART") ? "You're not on that channel" : "Cannot send to channel: join it first");
            case NO_SUCH_USER -> Out.numeric(c, "401", target, "No such nick");
            case QUOTA_EXCEEDED -> Out.numeric(c, "405", target, e.getMessage());
            case BAD_REQUEST -> {
                if (channel && command.equals("JOIN")) {
                    Out.numeric(c, "479", target, e.getMessage());
                } else {
                    Out.notice(c, command + " " + target + ": " + e.getMessage());
                }
            }
            case OUTCOME_UNKNOWN -> Out.notice(c, command + " " + target + ": the disk failed while storing it; it may or"
                    + " may not have been stored, look before repeating it (" + e.code() + ")");
            default -> Out.notice(c, command + " " + target + " not done: " + e.getMessage() + " (" + e.code() + ")");
        }
    }
}
