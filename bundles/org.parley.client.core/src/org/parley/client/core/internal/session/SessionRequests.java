package org.parley.client.core.internal.session;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.parley.client.core.internal.net.ServerLink;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;

/**
 * The caller's requests on the session's live link. They need the session online but do not change its life cycle,
 * which stays with {@link SessionMachine}; the ones whose replies feed the session's pictures (read markers, seen
 * messages) apply them only while the link is still the session's.
 */
final class SessionRequests {
    private final ScheduledExecutorService loop;
    /** The live link, or throws NotConnectedException; session thread only. */
    private final Supplier<ServerLink> onlineLink;
    private final Predicate<ServerLink> isCurrent;
    private final SeenMessages seen;
    private final ReadTracker reads;

    SessionRequests(ScheduledExecutorService loop, Supplier<ServerLink> onlineLink, Predicate<ServerLink> isCurrent,
            SeenMessages seen, ReadTracker reads) {
        this.loop = loop;
        this.onlineLink = onlineLink;
        this.isCurrent = isCurrent;
        this.seen = seen;
        this.reads = reads;
    }

    /** Sends a request on the live link, or fails with NotConnectedException. */
    CompletableFuture<ServerMessage.Reply> call(Function<String, Request> request) {
        return SessionMachine.onLoop(loop, () -> onlineLink.get().request(request));
    }

    /**
     * Sends {@code read}; once answered, this session's counts follow (other sessions get the server's push), unless
     * the session ended before the answer came (the marker is that session's, not the next one's).
     */
    CompletableFuture<Void> markRead(String conversation, long messageId) {
        return SessionMachine.onLoop(loop, () -> {
            ServerLink l = onlineLink.get();
            return l.request(id -> new Request.Read(id, conversation, messageId)).thenAccept(ok -> {
                if (isCurrent.test(l)) {
                    reads.read(l, conversation, messageId);
                }
            });
        });
    }

    /**
     * A page of history for the caller, marked as seen so catch-up and pushes do not announce it again; unless the
     * session ended before the reply came (its ids would hide the next session's messages).
     */
    CompletableFuture<List<ChatMessage>> history(String conversation, Long beforeId, int limit) {
        return SessionMachine.onLoop(loop, () -> {
            ServerLink l = onlineLink.get();
            return l.request(id -> new Request.History(id, conversation, beforeId, null, limit)).thenApply(reply -> {
                List<ChatMessage> messages = ((ServerMessage.History) reply).messages();
                if (isCurrent.test(l)) {
                    messages.forEach(m -> seen.offer(conversation, m));
                }
                return messages;
            });
        });
    }
}
