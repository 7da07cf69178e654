package org.parley.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.parley.protocol.ChatMessage;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Request;
import org.parley.protocol.ServerMessage;
import org.parley.server.store.Database;
import org.parley.server.testing.TestClient;

/**
 * What the server answered to each keyed send, checked against the database file afterwards: everything
 * acknowledged is stored as acknowledged, nothing refused is stored, an unknown outcome is stored at most once.
 */
final class Ledger {
    enum Outcome { ACKED, REFUSED, UNKNOWN }

    private final String sender;
    private final Map<String, Outcome> outcomes = new LinkedHashMap<>();
    private final Map<String, ChatMessage> acked = new LinkedHashMap<>();
    private final List<String> replies = new ArrayList<>();

    Ledger(String sender) {
        this.sender = sender;
    }

    /** {@code c} sends {@code text} to #general with the idempotency key {@code key}; records and returns the outcome. */
    Outcome send(TestClient c, String key, String text) throws Exception {
        return record(key, c.request(new Request.Send(c.nextId(), "#general", text, key)));
    }

    /** Records the reply to the send with {@code key}; returns its outcome. */
    Outcome record(String key, ServerMessage reply) {
        Outcome outcome = classify(reply);
        replies.add(key + " -> " + (reply instanceof ServerMessage.Error e ? e.code() + " (" + e.message() + ")" : outcome));
        outcomes.put(key, outcome);
        if (outcome == Outcome.ACKED) {
            acked.put(key, ((ServerMessage.Ok) reply).msg());
        }
        return outcome;
    }

    /** Anything but ok and "outcome unknown" is a refusal: the client is told nothing was stored. */
    static Outcome classify(ServerMessage reply) {
        if (reply instanceof ServerMessage.Ok) {
            return Outcome.ACKED;
        }
        if (reply instanceof ServerMessage.Error e && e.code() == ErrorCode.OUTCOME_UNKNOWN) {
            return Outcome.UNKNOWN;
        }
        return Outcome.REFUSED;
    }

    long count(Outcome outcome) {
        return outcomes.values().stream().filter(o -> o == outcome).count();
    }

    List<String> replies() {
        return List.copyOf(replies);
    }

    /** Checks the database file (the server stopped) against every recorded reply. */
    void verify(Path databaseFile) throws SQLException {
        try (Connection c = Database.connect(databaseFile);
             PreparedStatement s = c.prepareStatement("SELECT id, sender, recipient, text, ts FROM messages"
                     + " WHERE sender_key = ? AND idem_key = ?")) {
            for (Map.Entry<String, Outcome> entry : outcomes.entrySet()) {
                s.setString(1, sender.toLowerCase(java.util.Locale.ROOT));
                s.setString(2, entry.getKey());
                List<ChatMessage> stored = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        stored.add(new ChatMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                Instant.ofEpochMilli(rs.getLong(5))));
                    }
                }
                String what = "send " + entry.getKey() + " answered " + entry.getValue() + "; replies: " + replies;
                switch (entry.getValue()) {
                    case ACKED -> assertEquals(List.of(acked.get(entry.getKey())), stored, "acknowledged and stored: " + what);
                    case REFUSED -> assertEquals(List.of(), stored, "refused and not stored: " + what);
                    case UNKNOWN -> assertTrue(stored.size() <= 1, "stored at most once: " + what);
                }
            }
        }
    }
}
