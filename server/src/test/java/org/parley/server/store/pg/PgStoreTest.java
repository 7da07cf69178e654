package org.parley.server.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.protocol.ChatMessage;
import org.parley.server.ExitCode;
import org.parley.server.StartupException;
import org.parley.server.store.MessageStore;
import org.parley.server.store.Store;
import org.parley.server.store.StoreException;
import org.parley.server.testing.TestPostgres;

/** What only a shared PostgreSQL has: several nodes writing at once, another program's database, a database outage. */
class PgStoreTest {
    private static final String[] CONVERSATIONS = {"#general", "#dev", "@alice|bob"};

    private static TestPostgres pg;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = TestPostgres.start(true);
    }

    @AfterAll
    static void stopPostgres() {
        pg.close();
    }

    private static Store.NewMessage message(String conv, String sender, String text, String key) {
        return new Store.NewMessage(conv, sender, sender, conv, text, key, Instant.now());
    }

    private static Store node(String database, String name) throws StartupException {
        return PgDatabase.open(PgTarget.parse(pg.url(database)), name);
    }

    /**
     * Two nodes write to three conversations at once while a reader catches up the way clients do, {@code after} the
     * newest id it holds of each conversation. It must never skip a message: with ids from the sequence alone (no
     * conversation lock) it did, as a later id committed before an earlier one.
     */
    @Test
    void catchingUpAfterTheNewestIdNeverSkipsAMessageWhileTwoNodesWrite() throws Exception {
        String database = pg.createDatabase();
        try (Store a = node(database, "a"); Store b = node(database, "b"); Store reader = node(database, "reader")) {
            Map<String, Set<Long>> seen = new HashMap<>();
            Map<String, Long> cursor = new HashMap<>();
            for (String conv : CONVERSATIONS) {
                seen.put(conv, new HashSet<>());
                cursor.put(conv, 0L);
            }
            Map<String, Set<Long>> stored = new ConcurrentHashMap<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            List<CompletableFuture<MessageStore.Stored>> sends = new ArrayList<>();
            Thread writers = new Thread(() -> {
                for (int i = 0; i < 3000; i++) {
                    Store node = i % 2 == 0 ? a : b;
                    String conv = CONVERSATIONS[(i / 2) % CONVERSATIONS.length];
                    sends.add(node.messages().append(message(conv, "alice", "m" + i, null), s ->
                            stored.computeIfAbsent(conv, k -> ConcurrentHashMap.newKeySet()).add(s.message().id())));
                }
                sends.forEach(CompletableFuture::join);
                writing.set(false);
            });
            writers.start();
            boolean last = false;
            while (!last) {
                last = !writing.get(); // one more full pass after the writers are done
                for (String conv : CONVERSATIONS) {
                    for (ChatMessage m : reader.messages().page(conv, null, cursor.get(conv), 200).join()) {
                        assertTrue(m.id() > cursor.get(conv), "pages after the cursor come oldest first");
                        seen.get(conv).add(m.id());
                        cursor.put(conv, m.id());
                    }
                }
            }
            writers.join();
            // The last pass may have ended on a full page: read the rest.
            for (String conv : CONVERSATIONS) {
                List<ChatMessage> page;
                while (!(page = reader.messages().page(conv, null, cursor.get(conv), 200).join()).isEmpty()) {
                    page.forEach(m -> seen.get(conv).add(m.id()));
                    cursor.put(conv, page.get(page.size() - 1).id());
                }
            }
            Set<Long> all = new HashSet<>();
            int total = 0;
            for (String conv : CONVERSATIONS) {
                assertEquals(stored.get(conv), seen.get(conv), conv + ": every stored message was caught up");
                all.addAll(seen.get(conv));
                total += seen.get(conv).size();
            }
            assertEquals(3000, total);
            assertEquals(3000, all.size(), "ids are unique across conversations");
        }
    }

    @Test
    void aKeyRetriedOnTwoNodesAtOnceIsStoredOnce() throws Exception {
        String database = pg.createDatabase();
        try (Store a = node(database, "a"); Store b = node(database, "b")) {
            List<CompletableFuture<MessageStore.Stored>> onA = new ArrayList<>();
            List<CompletableFuture<MessageStore.Stored>> onB = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                onA.add(a.messages().append(message("#general", "alice", "a" + i, "key-" + i), null));
                onB.add(b.messages().append(message("#general", "alice", "b" + i, "key-" + i), null));
            }
            for (int i = 0; i < 200; i++) {
                MessageStore.Stored fromA = onA.get(i).join();
                MessageStore.Stored fromB = onB.get(i).join();
                assertEquals(fromA.message(), fromB.message(), "both answer the one stored message for key-" + i);
                assertTrue(fromA.duplicate() != fromB.duplicate(), "exactly one of them stored it");
            }
            assertEquals(200, countAfter(a, "#general", 0));
        }
    }

    private static int countAfter(Store store, String conv, long after) {
        int count = 0;
        List<ChatMessage> page;
        while (!(page = store.messages().page(conv, null, after, 200).join()).isEmpty()) {
            count += page.size();
            after = page.get(page.size() - 1).id();
        }
        return count;
    }

    @Test
    void bothDialectsHaveEveryMigrationStep() {
        assertEquals(org.parley.server.store.Migrations.LATEST, PgMigrations.LATEST,
                "step N of store.Migrations and of PgMigrations make the same schema: add both or neither");
    }

    @Test
    void anotherProgramsDatabaseIsRefusedUntouched() throws Exception {
        String database = pg.createDatabase();
        pg.execute(database, "CREATE TABLE invoices(id INT PRIMARY KEY)");
        StartupException refused = assertThrows(StartupException.class, () -> node(database, "a"));
        assertEquals(ExitCode.STORE_FOREIGN, refused.exitCode());
        assertTrue(refused.getMessage().contains("public.invoices"), refused.getMessage());
        try (var c = pg.connect(database); var rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "nothing was created beside it");
        }
    }

    @Test
    void aSchemaFromANewerServerIsRefused() throws Exception {
        String database = pg.createDatabase();
        node(database, "a").close();
        pg.execute(database, "UPDATE parley_schema SET version = " + (PgMigrations.LATEST + 1));
        StartupException refused = assertThrows(StartupException.class, () -> node(database, "a"));
        assertEquals(ExitCode.SCHEMA_TOO_NEW, refused.exitCode());
    }

    @Test
    void reopeningMigratesNothingAndKeepsTheData() throws Exception {
        String database = pg.createDatabase();
        try (Store first = node(database, "a")) {
            assertTrue(first.created());
            first.users().add("alice", "h", 1, null).join();
        }
        try (Store again = node(database, "a")) {
            assertTrue(!again.created());
            assertEquals(List.of("alice"), again.snapshot().join().users());
        }
    }

    /** Stopped under a running node: refused as storage failures (nothing stored), and back by itself on restart. */
    @Test
    void aDatabaseOutageIsRefusedAsUnavailableAndRecoveredFromWithoutReopening() throws Exception {
        String database = pg.createDatabase();
        try (Store store = node(database, "a")) {
            store.users().add("alice", "h", 1, null).join();
            pg.stop();
            try {
                StoreException write = storageFailure(store.messages().append(message("#general", "alice", "lost", "k"), null));
                assertEquals(StoreException.Outcome.NOT_DONE, write.outcome());
                StoreException read = storageFailure(store.users().find("alice"));
                assertEquals(StoreException.Outcome.NOT_DONE, read.outcome());
            } finally {
                pg.restart();
            }
            MessageStore.Stored stored = store.messages().append(message("#general", "alice", "back", "k"), null).join();
            assertTrue(!stored.duplicate(), "the refused send was not stored");
            assertEquals(List.of("back"), store.messages().page("#general", null, null, 10).join().stream()
                    .map(ChatMessage::text).toList());
        }
    }

    private static StoreException storageFailure(CompletableFuture<?> future) {
        CompletionException e = assertThrows(CompletionException.class, future::join);
        StoreException failure = assertInstanceOf(StoreException.class, e.getCause());
        assertTrue(failure.isStorage(), "a storage failure (UNAVAILABLE), not a bug: " + failure);
        return failure;
    }

    @Test
    void startupFaultsAreOneLineWithTheirExitCode() throws Exception {
        String database = pg.createDatabase();
        assertFault(ExitCode.STORE_LOGIN_REFUSED, "refused the login",
                "postgresql://postgres:wrong@127.0.0.1:" + pg.port() + "/" + database);
        assertFault(ExitCode.STORE_LOGIN_REFUSED, "refused the login", pg.urlWithoutPassword(database));
        assertFault(ExitCode.STORE_UNREACHABLE, "has no database 'nosuchdb'", pg.url("nosuchdb"));
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertFault(ExitCode.STORE_UNREACHABLE, "connection refused",
                "postgresql://postgres:x@127.0.0.1:" + closedPort + "/" + database);
        assertFault(ExitCode.STORE_UNREACHABLE, "unknown host", "postgresql://postgres:x@no-such-host.invalid:5432/" + database);
    }

    private static void assertFault(ExitCode code, String says, String url) {
        StartupException fault = assertThrows(StartupException.class, () -> PgDatabase.open(PgTarget.parse(url), "t"));
        assertEquals(code, fault.exitCode(), fault.getMessage());
        assertTrue(fault.getMessage().contains(says), fault.getMessage());
        assertTrue(!fault.getMessage().contains("\n"), "one line: " + fault.getMessage());
        assertTrue(!fault.getMessage().contains("wrong") && !fault.getMessage().contains(TestPostgres.PASSWORD),
                "no password in the message: " + fault.getMessage());
    }
}
