package org.parley.client.core.internal.session;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.parley.client.core.OutboxEntry;
import org.parley.client.core.ParleyException;
import org.parley.client.core.internal.net.ServerLink;
import org.parley.client.core.internal.outbox.Outbox;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;

/**
 * Sends PENDING outbox entries over the current link, one at a time and oldest first, so messages reach the server
 * in the order they were written (and a long queue does not trip the server's flood limit). Each carries its key,
 * so the server stores it once however often it is sent. A lost link leaves the entry PENDING (it goes out again
 * after the resume); a server refusal makes it FAILED with the reason; RATE_LIMITED, INTERNAL and the storage
 * answers UNAVAILABLE and OUTCOME_UNKNOWN wait and try again (with the same key, so it is stored at most once).
 * Confined to the session thread.
 */
final class OutboxSender {
    /** Pause before retrying after a retryable refusal without a hint. */
    private static final long DEFAULT_RETRY_MILLIS = 1000;
    /** Refusals that say nothing was done (or may have been): the same send, with its key, may be tried again. */
    private static final Set<ErrorCode> RETRYABLE = EnumSet.of(ErrorCode.RATE_LIMITED, ErrorCode.INTERNAL,
            ErrorCode.UNAVAILABLE, ErrorCode.OUTCOME_UNKNOWN);

    /**
     * Where the server's copy of a sent message goes (dedupe, then the listeners), with the link it came over: an
     * acknowledgement may arrive after its session ended, and then it is no message of the current one.
     */
    interface MessageSink {
        void accept(ServerLink from, ChatMessage message);
    }

    private final Outbox outbox;
    private final EventHub events;
    private final ScheduledExecutorService loop;
    private final MessageSink sink;
    private final Runnable reflush;
    private ServerLink inFlightLink;
    private String inFlightKey;

    /** @param reflush flushes again on the session thread; it re-checks that the client is still online */
    OutboxSender(Outbox outbox, EventHub events, ScheduledExecutorService loop, MessageSink sink, Runnable reflush) {
        this.outbox = outbox;
        this.events = events;
        this.loop = loop;
        this.sink = sink;
        this.reflush = reflush;
    }

    void flush(ServerLink link, String account) {
        if (link != inFlightLink) {
            inFlightKey = null; // whatever was in flight on the old link is PENDING again and goes out once more
            inFlightLink = link;
        }
        if (inFlightKey != null) {
            return;
        }
        List<OutboxEntry> pending = outbox.pending(account);
        if (!pending.isEmpty()) {
            OutboxEntry next = pending.get(0);
            inFlightKey = next.key();
            send(link, next);
        }
    }

    private void send(ServerLink link, OutboxEntry entry) {
        link.request(id -> new Request.Send(id, entry.conversation(), entry.text(), entry.key()))
                .whenComplete((reply, failure) -> {
                    if (link != inFlightLink || !entry.key().equals(inFlightKey)) {
                        return; // superseded by a newer link; that one resends
                    }
                    inFlightKey = null;
                    if (failure == null) {
                        delivered(link, entry, (ServerMessage.Ok) reply);
                        reflush.run();
                    } else {
                        refused(entry, ParleyException.unwrap(failure));
                    }
                });
    }

    /** The entry is SENT even if its session ended meanwhile: the server stored it, and the outbox is the account's. */
    private void delivered(ServerLink link, OutboxEntry entry, ServerMessage.Ok ok) {
        outbox.update(entry.key(), e -> e.status() == OutboxEntry.Status.PENDING ? e.sent(ok.msg()) : e)
                .ifPresent(events::outbox);
        if (ok.msg() != null) {
            sink.accept(link, ok.msg());
        }
    }

    private void refused(OutboxEntry entry, ParleyException problem) {
        ErrorCode code = problem.code();
        if (code == null) {
            return; // link trouble: stays PENDING, the next link sends it again with the same key
        }
        if (RETRYABLE.contains(code)) {
            long wait = problem.retryAfterMs() != null ? problem.retryAfterMs() : DEFAULT_RETRY_MILLIS;
            if (code == ErrorCode.RATE_LIMITED) { // the user sees why it is still pending, and for how long
                outbox.update(entry.key(), e -> e.status() == OutboxEntry.Status.PENDING
                        ? e.waiting(code, problem.getMessage(), wait) : e).ifPresent(events::outbox);
            }
            loop.schedule(reflush, wait, TimeUnit.MILLISECONDS);
            return;
        }
        outbox.update(entry.key(), e -> e.status() == OutboxEntry.Status.PENDING ? e.failed(code, problem.getMessage()) : e)
                .ifPresent(events::outbox);
        reflush.run();
    }
}
