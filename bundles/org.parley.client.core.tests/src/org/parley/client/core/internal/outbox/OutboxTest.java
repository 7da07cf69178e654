package org.parley.client.core.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.core.OutboxEntry;
import org.parley.protocol.ChatMessage;

/** The outbox file on its own: what is persisted, for whom, and what happens to a damaged file. */
class OutboxTest {
    @TempDir
    Path state;

    @Test
    void pendingAndFailedPersistPerAccountSentDoNot() {
        Outbox outbox = new Outbox(state);
        OutboxEntry a = outbox.add("ann@h:1", "#general", "one");
        OutboxEntry b = outbox.add("ann@h:1", "@bob", "two");
        OutboxEntry other = outbox.add("bob@h:1", "#general", "not ann's");
        outbox.update(a.key(), e -> e.sent(new ChatMessage(7, "ann", "#general", "one", Instant.now())));
        outbox.update(b.key(), e -> e.failed("NO_SUCH_USER: no user bob"));

        Outbox reloaded = new Outbox(state);
        assertEquals(List.of(b.failed("NO_SUCH_USER: no user bob")), reloaded.entries("ann@h:1"));
        assertEquals(List.of(other), reloaded.pending("bob@h:1"));
        assertTrue(reloaded.pending("ann@h:1").isEmpty());

        reloaded.update(b.key(), OutboxEntry::discarded);
        assertTrue(new Outbox(state).entries("ann@h:1").isEmpty());
        assertTrue(new Outbox(state).entries("ANN@h:1").isEmpty());
    }

    @Test
    void theFileIsPrivate() throws IOException {
        OutboxEntry secret = new Outbox(state).add(Outbox.account("Ann", "h:1"), "@bob", "secret");
        Path file = new OutboxStore(state).folder("ann@h:1").resolve(secret.key() + ".json");
        assertTrue(Files.exists(file), "one file per entry under the account's folder");
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        assertEquals(1, new Outbox(state).pending(Outbox.account("ann", "h:1")).size(), "accounts ignore case");
    }

    @Test
    void aDamagedFileIsKeptAsideNotSilentlyDropped() throws IOException {
        Path folder = new OutboxStore(state).folder("ann@h:1");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("k.json"), "{\"key\": tru");
        Outbox outbox = new Outbox(state);
        assertTrue(outbox.entries("ann@h:1").isEmpty());
        try (var files = Files.list(folder)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("k.json.corrupt-")));
        }
    }

    @Test
    void theSingleFileOfEarlierVersionsIsImportedOnce() throws IOException {
        Path old = state.resolve("old");
        Files.createDirectories(old);
        Files.writeString(old.resolve(OutboxStore.LEGACY_FILE_NAME), "[{\"account\":\"ann@h:1\",\"key\":\"k1\","
                + "\"conversation\":\"#general\",\"text\":\"queued before the update\","
                + "\"created\":\"2026-01-01T00:00:00Z\",\"status\":\"PENDING\"}]");
        Outbox outbox = new Outbox(state.resolve("new"));
        outbox.importLegacy(old);
        assertEquals(List.of("queued before the update"), outbox.pending("ann@h:1").stream().map(OutboxEntry::text).toList());
        assertTrue(Files.exists(old.resolve(OutboxStore.LEGACY_FILE_NAME + ".migrated")), "renamed, not read again");
        assertEquals(1, new Outbox(state.resolve("new")).pending("ann@h:1").size(), "now in the new place");
    }
}
