package org.parley.client.core.internal.outbox;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.parley.client.core.OutboxEntry;
import org.parley.protocol.NameRules;

/**
 * Every message the user sends, keyed by a UUID that doubles as the server's idempotency key. PENDING and FAILED
 * entries survive restarts ({@link OutboxStore}, one file per entry); SENT ones are kept in memory for a while so the
 * UI can show them. Entries belong to an account ({@code user@host:port}) so a different login never sends someone
 * else's queue. Another Parley process of the same user may queue entries for the same account: {@link #pending}
 * picks them up from disk, and sending one twice is harmless (the server stores a key once).
 * Thread-safe: {@code send()} adds from the caller's thread, the session updates from its own.
 */
public final class Outbox {
    private static final int MAX_SENT_KEPT = 500;

    private final OutboxStore store;
    private final List<OutboxStore.Stored> entries;

    public Outbox(Path stateDir) {
        this.store = new OutboxStore(stateDir);
        store.importLegacy(stateDir);
        this.entries = store.loadAll();
    }

    /** Imports the single-file outbox an earlier version kept in {@code oldStateDir} (see {@code LegacyState}). */
    public synchronized void importLegacy(Path oldStateDir) {
        store.importLegacy(oldStateDir);
        for (OutboxStore.Stored stored : store.loadAll()) {
            if (get(stored.entry().key()).isEmpty()) {
                entries.add(stored);
            }
        }
    }

    /** User names are case-insensitive on the server, so "Ann" typed at login owns what "ann" queued. */
    public static String account(String user, Object server) {
        return NameRules.key(user) + "@" + server;
    }

    /** Adds a PENDING entry and persists it before returning, so it survives a crash right after. */
    public synchronized OutboxEntry add(String account, String conversation, String text) {
        OutboxEntry entry = new OutboxEntry(UUID.randomUUID().toString(), conversation, text, Instant.now(),
                OutboxEntry.Status.PENDING, null, null);
        OutboxStore.Stored stored = new OutboxStore.Stored(account, entry);
        store.save(stored);
        entries.add(stored);
        return entry;
    }

    /** The account's entries in the order they were sent. */
    public synchronized List<OutboxEntry> entries(String account) {
        List<OutboxEntry> out = new ArrayList<>();
        for (OutboxStore.Stored stored : entries) {
            if (stored.account().equals(account)) {
                out.add(stored.entry());
            }
        }
        return out;
    }

    /** The account's PENDING entries, oldest first, including those another process of the user queued meanwhile. */
    public synchronized List<OutboxEntry> pending(String account) {
        for (OutboxStore.Stored stored : store.load(account)) {
            if (get(stored.entry().key()).isEmpty()) {
                entries.add(stored);
            }
        }
        entries.sort((a, b) -> a.entry().created().compareTo(b.entry().created()));
        List<OutboxEntry> out = new ArrayList<>();
        for (OutboxEntry entry : entries(account)) {
            if (entry.status() == OutboxEntry.Status.PENDING) {
                out.add(entry);
            }
        }
        return out;
    }

    public synchronized Optional<OutboxEntry> get(String key) {
        return entries.stream().map(OutboxStore.Stored::entry).filter(e -> e.key().equals(key)).findFirst();
    }

    /**
     * Replaces an entry by {@code change(old)} and persists; a DISCARDED result removes it. Empty if the key is
     * unknown or the change returned the entry unchanged.
     */
    public synchronized Optional<OutboxEntry> update(String key, UnaryOperator<OutboxEntry> change) {
        for (int i = 0; i < entries.size(); i++) {
            OutboxStore.Stored stored = entries.get(i);
            if (!stored.entry().key().equals(key)) {
                continue;
            }
            OutboxEntry updated = change.apply(stored.entry());
            if (updated.equals(stored.entry())) {
                return Optional.empty();
            }
            OutboxStore.Stored changed = new OutboxStore.Stored(stored.account(), updated);
            store.save(changed);
            if (updated.status() == OutboxEntry.Status.DISCARDED) {
                entries.remove(i);
            } else {
                entries.set(i, changed);
            }
            trimSent();
            return Optional.of(updated);
        }
        return Optional.empty();
    }

    private void trimSent() {
        long sent = entries.stream().filter(s -> s.entry().status() == OutboxEntry.Status.SENT).count();
        for (int i = 0; sent > MAX_SENT_KEPT && i < entries.size(); i++) {
            if (entries.get(i).entry().status() == OutboxEntry.Status.SENT) {
                entries.remove(i--);
                sent--;
            }
        }
    }
}
