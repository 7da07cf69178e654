package org.parley.server.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.parley.protocol.ErrorCode;
import org.parley.protocol.Limits;
import org.parley.protocol.SearchHit;
import org.parley.protocol.SearchWords;
import org.parley.protocol.ServerMessage;
import org.parley.server.RequestRefusedException;
import org.parley.server.store.SearchStore;
import org.parley.server.store.Store;
import org.parley.server.store.UserStore;

/** The {@code search} request (docs/protocol.md 6.14): checks, the conversations a user may read, one page. */
final class Search {
    private final Store store;
    private final Directory directory;

    Search(Store store, Directory directory) {
        this.store = store;
        this.directory = directory;
    }

    CompletableFuture<ServerMessage.Search> page(String user, String query, String with, Long before, Integer limit,
            String replyId) {
        String key = UserStore.keyOf(user);
        if (query.codePointCount(0, query.length()) > Limits.MAX_SEARCH_QUERY_CHARS) {
            throw new RequestRefusedException(ErrorCode.TOO_LARGE,
                    "query exceeds " + Limits.MAX_SEARCH_QUERY_CHARS + " characters");
        }
        List<String> words = SearchWords.of(query);
        if (words.isEmpty()) {
            throw new RequestRefusedException(ErrorCode.BAD_REQUEST, "query has no words (letters or digits)");
        }
        int size = limit == null ? Limits.DEFAULT_SEARCH_LIMIT : limit;
        if (size < 1 || size > Limits.MAX_SEARCH_LIMIT) {
            throw new RequestRefusedException(ErrorCode.BAD_REQUEST, "limit must be 1-" + Limits.MAX_SEARCH_LIMIT);
        }
        CompletableFuture<List<SearchStore.Found>> found;
        if (with != null) {
            Conversation conversation = Conversation.resolve(with, key, directory);
            found = store.messages().search(words, List.of(conversation.key()), null, before, size + 1);
        } else {
            found = store.messages().search(words, directory.roomsOf(key), key, before, size + 1);
        }
        // One more than asked for: whether it exists says "more".
        return StoreFailures.answered(found).thenApply(rows -> {
            List<SearchHit> hits = new ArrayList<>();
            for (SearchStore.Found row : rows.subList(0, Math.min(size, rows.size()))) {
                ReadState.label(directory, row.conv(), key).ifPresent(label -> hits.add(new SearchHit(label, row.message())));
            }
            return new ServerMessage.Search(replyId, hits, rows.size() > size);
        });
    }
}
