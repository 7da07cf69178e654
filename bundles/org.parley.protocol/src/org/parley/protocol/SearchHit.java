package org.parley.protocol;

/**
 * One match of a {@code search}: the conversation as this user names it ({@code #room} or {@code @peer}) and the
 * whole message; open it with {@code history} around {@code msg.id} (docs/protocol.md 6.14).
 */
public record SearchHit(String with, ChatMessage msg) {
}
