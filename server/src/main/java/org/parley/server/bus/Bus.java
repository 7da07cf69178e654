package org.parley.server.bus;

import org.parley.protocol.ChatMessage;
import org.parley.server.outbound.Outbound;

/**
 * What a node tells the other nodes of its cluster, and how it delivers what they stored. Every method is called on
 * the store's writer thread right after the commit it reports ({@code onCommitted}), so it must only queue work.
 * A single node has no bus: {@code chat.ChatService} then fans out itself, exactly as before clustering.
 */
public interface Bus extends AutoCloseable {

    /** How a message reaches this node's sessions of its conversation; {@code except} (may be null) is left out. */
    @FunctionalInterface
    interface Delivery {
        void deliver(String conv, ChatMessage message, Outbound except);
    }

    /**
     * A message of {@code conv} was committed here. The bus delivers it to this node's sessions (all but
     * {@code except}, the sender's connection, which has its acknowledgement) in id order with the conversation's
     * messages from other nodes, and tells the other nodes.
     */
    void messageCommitted(String conv, ChatMessage message, Outbound except);

    /**
     * A send of {@code userKey} in {@code conv} starts here; the answer must be run once it has ended, after
     * {@link #messageCommitted} for it, or on its failure (running it twice is harmless). Until then a message of that
     * author which this node meets without a known sender waits: it may be this send's, committed, its sender not yet
     * named.
     */
    Runnable sending(String conv, String userKey);

    /**
     * How a read marker moved on another node reaches this node's sessions of that user (docs/protocol.md, "Read
     * state": the user's other sessions get a {@code read} push).
     */
    @FunctionalInterface
    interface ReadDelivery {
        void readMoved(String userKey, String conv, long upTo);
    }

    /** {@code userKey}'s read marker of {@code conv} moved forward to {@code upTo} here: the other nodes push it. */
    void readMoved(String userKey, String conv, long upTo);

    void userAdded(String name);

    /** {@code userKey} joined {@code room}, creating it if it was new. */
    void joined(String room, String userKey);

    void left(String room, String userKey);

    @Override
    void close();
}
