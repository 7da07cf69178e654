package org.parley.client.ui.views;

import org.eclipse.osgi.util.NLS;
import org.parley.client.core.OutboxEntry;
import org.parley.client.ui.internal.Messages;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Limits;

/**
 * What the message list says about a message still in the outbox: pending, waiting because the server asked to slow
 * down (and for how long), or not sent and why, in plain words rather than the protocol's error code.
 */
final class OutboxText {
    private OutboxText() {
    }

    /** The state column: "sending...", "sending too fast: next try in 3 s", "Not sent: there is no user named bob". */
    static String mark(OutboxEntry entry) {
        if (entry.status() == OutboxEntry.Status.FAILED) {
            return NLS.bind(Messages.Chat_Failed, reason(entry));
        }
        if (entry.retryAfterMs() != null) {
            return NLS.bind(Messages.Chat_Waiting, seconds(entry.retryAfterMs()));
        }
        return Messages.Chat_Pending;
    }

    /** The hover text: the reason, and for a refused message how to send it again. */
    static String tooltip(OutboxEntry entry) {
        if (entry.status() == OutboxEntry.Status.FAILED) {
            return NLS.bind(Messages.Chat_Failed, reason(entry)) + "\n" + Messages.Chat_FailedHint;
        }
        return entry.retryAfterMs() != null ? mark(entry) : null;
    }

    /** Why the server refused it, naming the user or room the message was for. */
    static String reason(OutboxEntry entry) {
        String target = entry.conversation().startsWith("@") ? entry.conversation().substring(1) : entry.conversation();
        ErrorCode code = entry.failureCode().orElse(null);
        if (code == null) {
            return entry.failure() == null ? "" : entry.failure();
        }
        return switch (code) {
            case NO_SUCH_USER -> NLS.bind(Messages.Failure_NoSuchUser, target);
            case NO_SUCH_ROOM -> NLS.bind(Messages.Failure_NoSuchRoom, target);
            case NOT_A_MEMBER -> NLS.bind(Messages.Failure_NotAMember, target);
            case TOO_LARGE -> NLS.bind(Messages.Failure_TooLarge, String.format("%,d", Limits.MAX_TEXT_CHARS));
            default -> entry.failureMessage();
        };
    }

    /** Before sending: the text the input shows if the message is over the protocol's limit, else null. */
    static String tooLong(String text) {
        int length = text.codePointCount(0, text.length());
        return length <= Limits.MAX_TEXT_CHARS ? null
                : NLS.bind(Messages.Chat_TooLong, String.format("%,d", length), String.format("%,d", Limits.MAX_TEXT_CHARS));
    }

    private static long seconds(long ms) {
        return Math.max(1, (ms + 999) / 1000);
    }
}
