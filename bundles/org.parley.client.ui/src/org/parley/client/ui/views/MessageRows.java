package org.parley.client.ui.views;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.parley.client.core.OutboxEntry;
import org.parley.protocol.ChatMessage;

/**
 * What one conversation tab shows, in order: the server's messages sorted by id (history and live, each id once),
 * then the user's messages the server has not stored yet (PENDING or FAILED outbox entries). Kept as plain lists
 * so a virtual table can ask for row {@code i} of 100,000 in constant time.
 */
final class MessageRows {

    private final ArrayList<ChatMessage> stored = new ArrayList<>();
    private final Set<Long> ids = new HashSet<>();
    private final ArrayList<OutboxEntry> unsent = new ArrayList<>();

    int size() {
        return stored.size() + unsent.size();
    }

    /** A {@link ChatMessage} or an {@link OutboxEntry}. */
    Object get(int index) {
        return index < stored.size() ? stored.get(index) : unsent.get(index - stored.size());
    }

    Long oldestId() {
        return stored.isEmpty() ? null : stored.get(0).id();
    }

    /** The id of the newest message the server stored (the last stored row), or null when there is none. */
    Long newestId() {
        return stored.isEmpty() ? null : stored.get(stored.size() - 1).id();
    }

    /** The row of the stored message with this id, or -1 when it is not loaded. */
    int indexOfId(long id) {
        if (!ids.contains(id)) {
            return -1;
        }
        int low = 0;
        int high = stored.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long at = stored.get(mid).id();
            if (at == id) {
                return mid;
            }
            if (at < id) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return -1;
    }

    /** The row shown above {@code row} (a stored message or an outbox entry), or null for the first. */
    Object previous(Object row) {
        int at;
        if (row instanceof ChatMessage message) {
            at = indexOfId(message.id());
        } else {
            int unsentAt = indexOfUnsent(((OutboxEntry) row).key());
            at = unsentAt < 0 ? -1 : stored.size() + unsentAt;
        }
        return at > 0 ? get(at - 1) : null;
    }

    /** Adds a message unless already shown; returns its row, or -1 when it was a duplicate. */
    int add(ChatMessage message) {
        if (!ids.add(message.id())) {
            return -1;
        }
        int last = stored.size();
        if (last == 0 || stored.get(last - 1).id() < message.id()) {
            stored.add(message);
            return last;
        }
        int at = -Collections.binarySearch(stored, message, (a, b) -> Long.compare(a.id(), b.id())) - 1;
        stored.add(at, message);
        return at;
    }

    /** Adds a page of history (oldest first); returns how many rows were added above the previous first row. */
    int addOlder(List<ChatMessage> page) {
        Long oldest = oldestId();
        List<ChatMessage> older = new ArrayList<>(page.size());
        for (ChatMessage message : page) {
            if (oldest != null && message.id() < oldest && ids.add(message.id())) {
                older.add(message);
            } else if (oldest == null || message.id() > oldest) {
                add(message);
            }
        }
        stored.addAll(0, older);
        return older.size();
    }

    /**
     * Applies an outbox change: unsent entries show with their mark, a stored one becomes an ordinary message.
     * Returns the first row that changed; rows after it may have moved.
     */
    int outboxChanged(OutboxEntry entry) {
        int at = indexOfUnsent(entry.key());
        int first = stored.size() + (at < 0 ? unsent.size() : at);
        switch (entry.status()) {
            case PENDING, FAILED -> {
                if (at < 0) {
                    unsent.add(entry);
                } else {
                    unsent.set(at, entry);
                }
            }
            case SENT -> {
                if (at >= 0) {
                    unsent.remove(at);
                }
                if (entry.message() != null) {
                    int row = add(entry.message());
                    first = row < 0 ? first : Math.min(first, row);
                }
            }
            case DISCARDED -> {
                if (at >= 0) {
                    unsent.remove(at);
                }
            }
        }
        return first;
    }

    private int indexOfUnsent(String key) {
        for (int i = 0; i < unsent.size(); i++) {
            if (unsent.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
