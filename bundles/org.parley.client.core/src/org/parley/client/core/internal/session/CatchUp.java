package org.parley.client.core.internal.session;

import java.util.List;
import java.util.Set;

import org.parley.client.core.ParleyException;
import org.parley.client.core.internal.net.ServerLink;
import org.parley.protocol.ChatMessage;
import org.parley.protocol.Limits;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;

/**
 * After a resume, fetches what each open conversation got while the link was down ({@code history} with
 * {@code after} = newest id shown), page by page, and announces only messages not shown yet. Pushes that arrive
 * meanwhile are deduplicated by id, so a message is announced once even if it comes both ways; it may arrive before
 * older caught-up ones, so UIs place messages by id. Confined to the session thread.
 */
final class CatchUp {
    private final SeenMessages seen;
    private final EventHub events;
    private final int maxPages;

    CatchUp(SeenMessages seen, EventHub events, int maxPages) {
        this.seen = seen;
        this.events = events;
        this.maxPages = maxPages;
    }

    void run(ServerLink link, Set<String> openConversations) {
        for (String conversation : List.copyOf(openConversations)) {
            page(link, conversation, seen.catchUpFrom(conversation), maxPages);
        }
    }

    private void page(ServerLink link, String conversation, long after, int pagesLeft) {
        link.request(id -> new Request.History(id, conversation, null, after, Limits.MAX_HISTORY_LIMIT))
                .whenComplete((reply, failure) -> {
                    if (failure != null) {
                        ParleyException problem = ParleyException.unwrap(failure);
                        if (problem.code() != null) {
                            events.error(problem); // e.g. left the room meanwhile; connection trouble retries anyway
                        }
                        return;
                    }
                    List<ChatMessage> messages = ((ServerMessage.History) reply).messages();
                    long newest = after;
                    for (ChatMessage message : messages) {
                        newest = Math.max(newest, message.id());
                        if (seen.offer(conversation, message)) {
                            events.message(conversation, message);
                        }
                    }
                    if (messages.size() >= Limits.MAX_HISTORY_LIMIT && pagesLeft > 1) {
                        page(link, conversation, newest, pagesLeft - 1);
                    }
                });
    }
}
