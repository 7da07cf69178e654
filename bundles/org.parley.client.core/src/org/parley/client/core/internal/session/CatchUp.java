package org.parley.client.core.internal.session;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.parley.client.core.ParleyException;
import org.parley.client.core.internal.net.ServerLink;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Limits;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;

/**
 * After a resume, fetches what each open conversation got while the link was down ({@code history} with
 * {@code after} = newest id shown), page by page, and announces only messages not shown yet. Pushes that arrive
 * meanwhile are deduplicated by id, so a message is announced once even if it comes both ways; it may arrive before
 * older caught-up ones, so UIs place messages by id. Also takes a conversation's baseline (its newest id, not
 * announced) when it is opened, so a later catch-up starts at the right place. Confined to the session thread.
 */
final class CatchUp {
    private static final long DEFAULT_RETRY_MILLIS = 1000;

    private final SeenMessages seen;
    private final EventHub events;
    private final ScheduledExecutorService loop;
    private final int maxPages;
    private final Predicate<ServerLink> current;

    /**
     * @param current whether a link is still the session's: a reply that comes after its session ended (logout, a
     *                login elsewhere) must not mark ids of that server as seen in the next session
     */
    CatchUp(SeenMessages seen, EventHub events, ScheduledExecutorService loop, int maxPages,
            Predicate<ServerLink> current) {
        this.seen = seen;
        this.current = current;
        this.events = events;
        this.loop = loop;
        this.maxPages = maxPages;
    }

    void run(ServerLink link, Set<String> openConversations) {
        for (String conversation : List.copyOf(openConversations)) {
            page(link, conversation, seen.catchUpFrom(conversation), maxPages);
        }
    }

    /** Records the conversation's newest message as where catch-up starts, unless something is known already. */
    void baseline(ServerLink link, String conversation) {
        if (seen.knows(conversation)) {
            return;
        }
        link.request(id -> new Request.History(id, conversation, null, null, 1)).whenComplete((reply, failure) -> {
            if (failure == null && current.test(link)) {
                List<ChatMessage> newest = ((ServerMessage.History) reply).messages();
                newest.forEach(m -> seen.markBaseline(conversation, m.id()));
                if (newest.isEmpty()) {
                    // Ids only grow within a conversation (protocol 2): another one's newest id is no safe start here.
                    seen.markEmpty(conversation);
                }
            }
        });
    }

    private void page(ServerLink link, String conversation, long after, int pagesLeft) {
        link.request(id -> new Request.History(id, conversation, null, after, Limits.MAX_HISTORY_LIMIT))
                .whenComplete((reply, failure) -> {
                    if (!current.test(link)) {
                        return; // the session ended or the link dropped; the next resume catches up again
                    }
                    if (failure != null) {
                        retryOrReport(link, conversation, after, pagesLeft, ParleyException.unwrap(failure));
                        return;
                    }
                    ServerMessage.History page = (ServerMessage.History) reply;
                    long newest = after;
                    for (ChatMessage message : page.messages()) {
                        newest = Math.max(newest, message.id());
                        if (seen.offer(conversation, message)) {
                            events.message(conversation, message);
                        }
                    }
                    if (hasMore(page) && newest > after && pagesLeft > 1) {
                        page(link, conversation, newest, pagesLeft - 1);
                    }
                });
    }

    /**
     * A page may end early because of the server's byte budget; then it says {@code more}. A full page from a
     * server that predates {@code more} may have more behind it too.
     */
    private static boolean hasMore(ServerMessage.History page) {
        return page.hasMore() || page.messages().size() >= Limits.MAX_HISTORY_LIMIT;
    }

    private void retryOrReport(ServerLink link, String conversation, long after, int pagesLeft, ParleyException problem) {
        if (problem.code() == ErrorCode.RATE_LIMITED) {
            long wait = problem.retryAfterMs() != null ? problem.retryAfterMs() : DEFAULT_RETRY_MILLIS;
            loop.schedule(() -> page(link, conversation, after, pagesLeft), wait, TimeUnit.MILLISECONDS);
        } else if (problem.code() != null) {
            events.error(problem); // e.g. left the room meanwhile; link trouble is retried by the reconnect instead
        }
    }
}
