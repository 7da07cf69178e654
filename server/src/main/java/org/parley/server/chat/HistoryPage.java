package org.parley.server.chat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.parley.protocol.ChatMessage;

/**
 * One {@code history} reply's messages, oldest first, and whether more lie beyond them in the direction read.
 * A page ends at the requested count or before its frame would pass the byte budget, whichever comes first: 200
 * messages of 4,000 escaped characters would make a 4.8 MB frame, which no connection should have to carry.
 */
public record HistoryPage(List<ChatMessage> messages, boolean more) {
    /** Bytes of a history frame besides its messages and its {@code re}: type, field names, brackets, newline. */
    private static final int FRAME_OVERHEAD = 64;
    /** Bytes of one encoded message besides its three strings: field names, id, timestamp, comma. */
    private static final int MESSAGE_OVERHEAD = 100;

    /**
     * Cuts a page out of {@code nearestFirst} (messages next to the cursor first, as read from the store, at most
     * {@code limit + 1} of them so that one beyond the page tells whether there is more). At least one message is
     * kept whatever its size, so paging always makes progress.
     *
     * @param budget  bytes the whole reply frame may take
     * @param re      the request id the reply echoes (it takes part of the budget)
     * @param forward true when reading forward (with {@code after}), i.e. {@code nearestFirst} is oldest first
     */
    static HistoryPage cut(List<ChatMessage> nearestFirst, int limit, int budget, String re, boolean forward) {
        long left = budget - FRAME_OVERHEAD - jsonBytes(re);
        List<ChatMessage> page = new ArrayList<>(Math.min(limit, nearestFirst.size()));
        for (ChatMessage message : nearestFirst) {
            if (page.size() == limit) {
                break;
            }
            left -= encodedBytes(message);
            if (left < 0 && !page.isEmpty()) {
                break;
            }
            page.add(message);
        }
        if (!forward) {
            Collections.reverse(page);
        }
        return new HistoryPage(page, page.size() < nearestFirst.size());
    }

    /** An upper bound of the message's size in the frame (its JSON object, as UTF-8, and a comma). */
    static long encodedBytes(ChatMessage message) {
        return MESSAGE_OVERHEAD + jsonBytes(message.from()) + jsonBytes(message.to()) + jsonBytes(message.text());
    }

    /**
     * An upper bound of a string's size as a JSON string body in UTF-8, as the protocol codec (Gson, HTML escaping
     * off) writes it: quote and backslash take 2 bytes, control characters and U+2028/U+2029 at most 6 (\\uXXXX).
     */
    static long jsonBytes(String s) {
        if (s == null) {
            return 4;
        }
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                bytes += 2;
            } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                bytes += 6;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                bytes += 2; // a surrogate pair is 4 bytes in UTF-8, 2 per char
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
