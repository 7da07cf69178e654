package org.parley.client.core.internal.session;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.parley.client.core.OutboxEntry;
import org.parley.client.core.ParleyException;
import org.parley.client.core.internal.net.ServerLink;
import org.parley.client.core.internal.outbox.Outbox;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;

/**
 * Sends PENDING outbox entries over the current link, each with its key so the server stores it once however often
 * it is sent. A lost link leaves entries PENDING (they go out again after the resume); a server refusal makes them
 * FAILED with the reason; RATE_LIMITED waits as told. Confined to the session thread.
 */
final class OutboxSender {
    /** Pause before retrying an entry the server could not store (INTERNAL) or asked us to slow down for. */
    private static final long DEFAULT_RETRY_MILLIS = 1000;

    private final Outbox outbox;
    private final EventHub events;
    private final ScheduledExecutorService loop;
    private final MessageSink sink;
    private final Runnable reflush;
    private final Set<String> inFlight = new HashSet<>();
    private ServerLink inFlightLink;

    /** Where the server's copy of a sent message goes (dedupe, then the listeners). */
    interface MessageSink {
        void accept(ServerLink link, org.parley.protocol.ChatMessage message);
    }

    /** @param reflush flushes again later; it re-checks that the client is still online */
    OutboxSender(Outbox outbox, EventHub events, ScheduledExecutorService loop, MessageSink sink, Runnable reflush) {
        this.outbox = outbox;
        this.events = events;
        this.loop = loop;
        this.sink = sink;
        this.reflush = reflush;
    }

    void flush(ServerLink link, String account) {
        if (link != inFlightLink) {
            inFlight.clear(); // whatever was in flight on the old link is PENDING again and goes out once more
            inFlightLink = link;
        }
        for (OutboxEntry entry : outbox.pending(account)) {
            if (inFlight.add(entry.key())) {
                send(link, entry);
            }
        }
    }

    private void send(ServerLink link, OutboxEntry entry) {
        link.request(id -> new Request.Send(id, entry.conversation(), entry.text(), entry.key()))
                .whenComplete((reply, failure) -> {
                    if (link == inFlightLink) {
                        inFlight.remove(entry.key());
                    }
                    if (failure == null) {
                        delivered(link, entry, (ServerMessage.Ok) reply);
                    } else {
                        refused(entry, ParleyException.unwrap(failure));
                    }
                });
    }

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
        if (code == ErrorCode.RATE_LIMITED || code == ErrorCode.INTERNAL) {
            long wait = problem.retryAfterMs() != null ? problem.retryAfterMs() : DEFAULT_RETRY_MILLIS;
            loop.schedule(reflush, wait, TimeUnit.MILLISECONDS);
            return;
        }
        outbox.update(entry.key(), e -> e.status() == OutboxEntry.Status.PENDING ? e.failed(code + ": " + problem.getMessage()) : e)
                .ifPresent(events::outbox);
    }
}
