package org.parley.client.core;

import java.util.List;

import org.parley.protocol.ChatMessage;

/**
 * A page of {@link ParleyClient#search}: matches newest first; {@code more} when older ones exist (ask again with
 * the last result's id as {@code beforeId}).
 */
public record SearchPage(List<Result> results, boolean more) {

    /** A match: its conversation as a lower-case key ({@link Conversations#key}) and the whole message. */
    public record Result(String conversation, ChatMessage message) {
    }
}
