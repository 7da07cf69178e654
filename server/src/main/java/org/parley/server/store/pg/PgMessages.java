package org.parley.server.store.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.parley.protocol.ChatMessage;
import org.parley.server.store.MessageStore;
import org.parley.server.store.Store;

/**
 * How a message gets its id when several nodes write: a sequence value taken while holding the conversation's lock
 * ({@code pg_advisory_xact_lock}, held until the transaction ends). Whoever writes to the conversation next waits for
 * that commit and then takes a larger value, so within a conversation ids grow in commit order: a reader that has
 * seen id N has seen every earlier message of it. Across conversations ids are only unique (a sequence alone would
 * not even give the per-conversation order: values are handed out at nextval, not at commit). Gaps are possible.
 */
final class PgMessages {

    private PgMessages() {
    }

    static MessageStore.Stored insert(Connection c, Store.NewMessage m) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, m.conv());
            lock.executeQuery().close();
        }
        if (m.idemKey() != null) {
            Optional<ChatMessage> earlier = MessageStore.byKey(c, m.senderKey(), m.idemKey());
            if (earlier.isPresent()) {
                return new MessageStore.Stored(earlier.get(), true);
            }
        }
        // ON CONFLICT: another node may be storing the same (sender, key) right now; this waits for its commit and
        // then answers its message, as if the retry had come after it.
        try (PreparedStatement s = c.prepareStatement("INSERT INTO messages(id, " + MessageStore.INSERT_COLUMNS
                + ") VALUES(nextval('message_ids'),?,?,?,?,?,?,?) ON CONFLICT (sender_key, idem_key)"
                + " WHERE idem_key IS NOT NULL DO NOTHING RETURNING id")) {
            MessageStore.bind(s, 1, m);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return new MessageStore.Stored(MessageStore.stored(rs.getLong(1), m), false);
                }
            }
        }
        return new MessageStore.Stored(MessageStore.byKey(c, m.senderKey(), m.idemKey()).orElseThrow(
                () -> new SQLException("idempotency key conflict without a message")), true);
    }
}
