package org.parley.client.core.internal.session;

import java.util.function.Supplier;

import org.parley.client.core.Conversations;
import org.parley.client.core.ParleyException;
import org.parley.client.core.internal.net.ServerLink;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.ProtocolException;
import org.parley.protocol.ServerMessage;

/**
 * What the session does with what its link brings unasked: pushes go to the trackers and the listeners, and every
 * message the session receives (pushed, acknowledged, caught up) reaches the listeners once and is counted once.
 * Session thread only; {@link SessionMachine} has checked that the link is still the session's.
 */
final class Pushes {
    private final EventHub events;
    private final SeenMessages seen;
    private final PresenceTracker presence;
    private final ReadTracker reads;
    /** The session's user: private conversations are named after the other party. */
    private final Supplier<String> user;

    Pushes(EventHub events, SeenMessages seen, PresenceTracker presence, ReadTracker reads, Supplier<String> user) {
        this.events = events;
        this.seen = seen;
        this.presence = presence;
        this.reads = reads;
        this.user = user;
    }

    void pushed(ServerLink from, ServerMessage push) {
        if (push instanceof ServerMessage.MessagePush message) {
            message(message.msg());
        } else if (push instanceof ServerMessage.ReadPush read) {
            reads.read(from, Conversations.key(read.with()), read.upTo());
        } else if (push instanceof ServerMessage.Presence update) {
            presence.pushed(update.user(), update.online());
        } else if (push instanceof ServerMessage.Error error) {
            events.error(new ParleyException(error.code(), error.message(), error.retryAfterMs(), null));
        }
    }

    void malformed(ProtocolException problem) {
        events.error(new ParleyException(problem.code(), "unreadable frame from the server: " + problem.getMessage(),
                null, problem));
    }

    /** A message for the session: announced and counted unless it was seen already. */
    void message(ChatMessage message) {
        String me = user.get();
        String conversation = Conversations.of(message, me);
        if (seen.offer(conversation, message)) {
            events.message(conversation, message);
            reads.message(conversation, message, me);
        }
    }
}
