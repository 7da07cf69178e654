package org.parley.client.core.internal.outbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.parley.client.core.OutboxEntry;
import org.parley.client.core.internal.util.AtomicFile;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * {@code outbox.json} in the state location: the entries not yet sent (PENDING) or refused (FAILED), each with the
 * account it belongs to. Written whole and atomically on every change - the outbox is small and a restart must find
 * exactly what the user saw. Written by hand rather than by Gson reflection so the file format is explicit.
 */
final class OutboxStore {
    static final String FILE_NAME = "outbox.json";
    private static final System.Logger LOG = System.getLogger(OutboxStore.class.getName());

    /** One persisted entry and its owner ({@code user@host:port}). */
    record Stored(String account, OutboxEntry entry) {
    }

    private final Path file;

    OutboxStore(Path stateDir) {
        this.file = stateDir.resolve(FILE_NAME);
    }

    List<Stored> load() {
        List<Stored> out = new ArrayList<>();
        byte[] bytes = AtomicFile.readIfExists(file);
        if (bytes == null) {
            return out;
        }
        try {
            JsonArray array = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonArray();
            for (JsonElement element : array) {
                JsonObject o = element.getAsJsonObject();
                OutboxEntry.Status status = OutboxEntry.Status.valueOf(o.get("status").getAsString());
                String failure = o.has("failure") ? o.get("failure").getAsString() : null;
                out.add(new Stored(o.get("account").getAsString(), new OutboxEntry(o.get("key").getAsString(),
                        o.get("conversation").getAsString(), o.get("text").getAsString(),
                        Instant.parse(o.get("created").getAsString()), status, failure, null)));
            }
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException | NullPointerException e) {
            // Never lose the user's words silently: keep the unreadable file aside for inspection.
            Path aside = file.resolveSibling(FILE_NAME + ".corrupt-" + System.currentTimeMillis());
            LOG.log(System.Logger.Level.ERROR, "unreadable outbox " + file + ", moved to " + aside, e);
            AtomicFile.write(aside, bytes);
            return new ArrayList<>();
        }
        return out;
    }

    void save(List<Stored> entries) {
        JsonArray array = new JsonArray();
        for (Stored stored : entries) {
            OutboxEntry e = stored.entry();
            if (e.status() != OutboxEntry.Status.PENDING && e.status() != OutboxEntry.Status.FAILED) {
                continue;
            }
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
            array.add(o);
        }
        AtomicFile.write(file, array.toString().getBytes(StandardCharsets.UTF_8));
    }
}
