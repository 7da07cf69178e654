package org.parley.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.protocol.SearchWords;

/** Full-text search behind Store.Messages.search: FTS5 on SQLite, tsvector on PostgreSQL 15, the same answers. */
class SearchStoreContractTest {
    private static final String DM = "@alice|bob";
    private static final String OTHER_DM = "@carol|dave";

    @TempDir
    Path dir;

    private Store open(StoreKind kind) throws Exception {
        Store store = kind.open(dir, "search");
        for (String user : List.of("alice", "bob", "carol", "dave")) {
            store.users().add(user, "h", 1, null).join();
        }
        return store;
    }

    private static long send(Store store, String conv, String sender, String text) {
        return store.messages().append(new Store.NewMessage(conv, sender, sender, conv.startsWith("#") ? conv : "@x",
                text, null, Instant.ofEpochMilli(1_700_000_000_000L)), null).join().message().id();
    }

    private static List<Long> ids(Store store, String query, List<String> convs, String privateOf, Long before, int limit) {
        return store.messages().search(SearchWords.of(query), convs, privateOf, before, limit).join().stream()
                .map(f -> f.message().id()).toList();
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void findsEveryWordInAnyCaseNewestFirstInReadableConversationsOnly(StoreKind kind) throws Exception {
        try (Store store = open(kind)) {
            long general = send(store, "#general", "alice", "The release notes are out");
            send(store, "#general", "alice", "release soon");
            long dm = send(store, DM, "alice", "notes about the RELEASE, privately");
            send(store, OTHER_DM, "carol", "release notes for dave only");
            send(store, "#secret", "carol", "release notes in a room bob is not in");

            assertEquals(List.of(dm, general), ids(store, "release NOTES", List.of("#general"), "bob", null, 10),
                    "bob reads #general and his own private conversations, nothing else");
            assertEquals(List.of(general), ids(store, "notes release", List.of("#general"), null, null, 10));
            assertEquals(List.of(general), ids(store, "release notes", List.of("#general"), "bob", dm, 10), "before pages on");
            assertEquals(List.of(dm), ids(store, "release notes", List.of("#general"), "bob", null, 1), "limit");
            assertEquals(List.of(), ids(store, "relea", List.of("#general"), "bob", null, 10), "whole words, no prefixes");
            SearchStore.Found found = store.messages().search(SearchWords.of("privately"), List.of(), "alice", null, 5)
                    .join().get(0);
            assertEquals(DM, found.conv());
            assertEquals("notes about the RELEASE, privately", found.message().text());
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void searchSyntaxInTheTextIsJustWords(StoreKind kind) throws Exception {
        try (Store store = open(kind)) {
            long quoted = send(store, "#general", "alice", "say \"NEAR\" OR AND NOT * ^ : (x)");
            for (String query : List.of("\"near", "OR", "NOT x", "NEAR(", "AND*", "x) OR (")) {
                assertEquals(List.of(quoted), ids(store, query, List.of("#general"), null, null, 10), query);
            }
        }
    }
}
