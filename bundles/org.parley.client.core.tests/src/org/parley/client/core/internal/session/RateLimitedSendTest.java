package org.parley.client.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.core.OutboxEntry;
import org.parley.client.core.support.Await;
import org.parley.client.core.support.TestClients;
import org.parley.client.core.support.TestClients.Client;
import org.parley.protocol.ErrorCode;
import org.parley.testing.ServerFixture;

/**
 * Issue 13, problem 6: a message the server holds back ("slow down", RATE_LIMITED) is announced as waiting, with the
 * server's wait, so the UI can say why it is not sent yet; it is then sent without the user doing anything. Before,
 * the entry stayed a bare PENDING and nothing said why or for how long.
 */
class RateLimitedSendTest {
    private static final int MESSAGES = 10;

    @TempDir
    Path dir;

    @Test
    void aHeldBackMessageSaysItWaitsAndHowLongThenGoesOut() {
        // A burst of 5 requests per connection, then 2 per second: ten sends in a row must hit the limit.
        try (ServerFixture server = ServerFixture.start(dir.resolve("server"), 0, "--flood-burst", "5", "--flood-rate", "2");
                TestClients clients = new TestClients()) {
            Client alice = clients.online(server.address(), dir.resolve("alice"), TestClients.uniqueUser("alice"));
            List<OutboxEntry> sent = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                sent.add(alice.api().send("#general", "quick " + i));
            }
            Await.until("all sent after waiting", () -> sent.stream()
                    .allMatch(e -> !alice.events().outbox(e.key(), OutboxEntry.Status.SENT).isEmpty()));
            List<OutboxEntry> waiting = alice.events().outbox().stream().filter(e -> e.retryAfterMs() != null).toList();
            assertFalse(waiting.isEmpty(), "some entry was announced as waiting: " + alice.events().outbox());
            for (OutboxEntry entry : waiting) {
                assertEquals(OutboxEntry.Status.PENDING, entry.status());
                assertEquals(ErrorCode.RATE_LIMITED, entry.failureCode().orElseThrow());
                assertTrue(entry.retryAfterMs() > 0, "the server's wait: " + entry.retryAfterMs());
            }
            assertTrue(alice.api().outbox().stream().noneMatch(e -> e.status() == OutboxEntry.Status.FAILED));
        }
    }
}
