package org.parley.client.core.internal.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.parley.client.core.OutboxEntry;
import org.parley.client.core.internal.util.AtomicFile;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The entries not yet sent (PENDING) or refused (FAILED), one file each:
 * {@code accounts/<user@host_port>/outbox/<key>.json}. One file per entry because several Parley processes of one
 * user share this folder: a process only ever writes or removes the files of its own entries, so no process can
 * overwrite another's (the old single {@code outbox.json} was rewritten whole by each process, losing the other's).
 * Each file is written atomically ({@link AtomicFile}). Written by hand rather than by Gson reflection so the format is
 * explicit.
 */
final class OutboxStore {
    /** The single-file outbox of earlier versions; imported once into per-entry files, then renamed. */
    static final String LEGACY_FILE_NAME = "outbox.json";
    static final String ACCOUNTS = "accounts";
    static final String OUTBOX = "outbox";
    private static final String SUFFIX = ".json";
    private static final System.Logger LOG = System.getLogger(OutboxStore.class.getName());

    /** One persisted entry and its owner ({@code user@host:port}). */
    record Stored(String account, OutboxEntry entry) {
    }

    private final Path root;

    OutboxStore(Path root) {
        this.root = root;
    }

    /** The folder of one account's entries; the account is also inside each file, the folder name only groups. */
    Path folder(String account) {
        return root.resolve(ACCOUNTS).resolve(account.replaceAll("[^A-Za-z0-9._@-]", "_")).resolve(OUTBOX);
    }

    /** Every account's entries, oldest first. */
    List<Stored> loadAll() {
        List<Stored> out = new ArrayList<>();
        Path accounts = root.resolve(ACCOUNTS);
        for (Path account : list(accounts)) {
            out.addAll(loadFolder(account.resolve(OUTBOX), null));
        }
        out.sort((a, b) -> a.entry().created().compareTo(b.entry().created()));
        return out;
    }

    /** One account's entries as they are on disk now (other processes of the user may have added or sent some). */
    List<Stored> load(String account) {
        return loadFolder(folder(account), account);
    }

    /** Writes a PENDING or FAILED entry's file; removes the file of any other status (sent or discarded). */
    void save(Stored stored) {
        OutboxEntry e = stored.entry();
        Path file = folder(stored.account()).resolve(e.key() + SUFFIX);
        if (e.status() != OutboxEntry.Status.PENDING && e.status() != OutboxEntry.Status.FAILED) {
            AtomicFile.delete(file);
            return;
        }
        AtomicFile.write(file, toJson(stored).toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Moves the entries of an earlier version's single {@code outbox.json} in {@code dir} into per-entry files (an
     * entry already there wins) and renames that file to {@code outbox.json.migrated}. Safe if two processes do it at
     * once: both write the same files, one rename wins.
     */
    void importLegacy(Path dir) {
        Path legacy = dir.resolve(LEGACY_FILE_NAME);
        byte[] bytes = AtomicFile.readIfExists(legacy);
        if (bytes == null) {
            return;
        }
        try {
            for (JsonElement element : JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonArray()) {
                Stored stored = fromJson(element.getAsJsonObject());
                if (!Files.exists(folder(stored.account()).resolve(stored.entry().key() + SUFFIX))) {
                    save(stored);
                }
            }
            move(legacy, legacy.resolveSibling(LEGACY_FILE_NAME + ".migrated"));
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException | NullPointerException e) {
            keepAside(legacy, bytes, e);
        }
    }

    private List<Stored> loadFolder(Path folder, String expectedAccount) {
        List<Stored> out = new ArrayList<>();
        for (Path file : list(folder)) {
            if (!file.getFileName().toString().endsWith(SUFFIX)) {
                continue; // temporary files of a write in progress, files kept aside
            }
            byte[] bytes = AtomicFile.readIfExists(file);
            if (bytes == null) {
                continue; // sent and removed by another process just now
            }
            try {
                Stored stored = fromJson(JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject());
                if (expectedAccount == null || stored.account().equals(expectedAccount)) {
                    out.add(stored);
                }
            } catch (JsonParseException | IllegalStateException | IllegalArgumentException | NullPointerException e) {
                keepAside(file, bytes, e);
            }
        }
        out.sort((a, b) -> a.entry().created().compareTo(b.entry().created()));
        return out;
    }

    /** Never lose the user's words silently: an unreadable file is kept aside for inspection, not deleted. */
    private static void keepAside(Path file, byte[] bytes, RuntimeException problem) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
        LOG.log(System.Logger.Level.WARNING, "unreadable outbox file " + file + ", moved to " + aside + ": " + problem);
        AtomicFile.write(aside, bytes);
        AtomicFile.delete(file);
    }

    private static Stored fromJson(JsonObject o) {
        OutboxEntry.Status status = OutboxEntry.Status.valueOf(o.get("status").getAsString());
        String failure = o.has("failure") ? o.get("failure").getAsString() : null;
        return new Stored(o.get("account").getAsString(), new OutboxEntry(o.get("key").getAsString(),
                o.get("conversation").getAsString(), o.get("text").getAsString(),
                Instant.parse(o.get("created").getAsString()), status, failure, null));
    }

    private static JsonObject toJson(Stored stored) {
        OutboxEntry e = stored.entry();
        JsonObject o = new JsonObject();
        o.addProperty("account", stored.account());
        o.addProperty("key", e.key());
        o.addProperty("conversation", e.conversation());
        o.addProperty("text", e.text());
        o.addProperty("created", e.created().toString());
        o.addProperty("status", e.status().name());
        if (e.failure() != null) {
            o.addProperty("failure", e.failure());
        }
        return o;
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            // another process imported and renamed it first
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + from, e);
        }
    }
}
