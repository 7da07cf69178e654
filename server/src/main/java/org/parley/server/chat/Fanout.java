package org.parley.server.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.parley.protocol.ChatMessage;
import org.parley.protocol.JsonCodec;
import org.parley.protocol.Limits;
import org.parley.protocol.ServerMessage;
import org.parley.protocol.mina.EncodedFrame;
import org.parley.server.outbound.Outbound;

/**
 * Pushes a stored message to this node's sessions of its conversation: everyone for {@code #general}, the members
 * of another room, both users of a private conversation. The one path for messages stored here and, on a cluster,
 * for those the bus reads back from the store after another node stored them.
 */
public final class Fanout {
    private final Presence presence;
    private final Directory directory;
    private final JsonCodec json = new JsonCodec();

    public Fanout(Presence presence, Directory directory) {
        this.presence = presence;
        this.directory = directory;
    }

    /**
     * Queues the message for every session of {@code conv} (a room name, or {@code @a|b} with both user keys) but
     * {@code except} (may be null). Queuing is all it does per recipient: encryption happens on the drainers.
     */
    public void deliver(String conv, ChatMessage message, Outbound except) {
        List<Outbound> targets;
        if (Limits.GENERAL_ROOM.equals(conv)) {
            targets = new ArrayList<>();
            presence.allQueues(targets);
        } else if (!conv.startsWith("@")) {
            Set<String> members = directory.members(conv);
            targets = new ArrayList<>(members.size()); // grown in steps, a 1,000-member list was copied a dozen times
            for (String member : members) {
                presence.queuesOf(member, targets);
            }
        } else {
            targets = new ArrayList<>(2);
            int bar = conv.indexOf('|');
            String a = conv.substring(1, bar);
            String b = conv.substring(bar + 1);
            presence.queuesOf(a, targets);
            if (!b.equals(a)) {
                presence.queuesOf(b, targets);
            }
        }
        // Encoded once: a message to #general may go to every connection on the node.
        EncodedFrame frame = new EncodedFrame(json.encodeFrame(new ServerMessage.MessagePush(message)));
        Outbound.writeAll(targets, except, frame);
    }

    /**
     * A {@code read} push for {@code userKey}'s sessions on this node but {@code except} (may be null): their marker
     * of {@code conv} moved to {@code upTo}. Named as that user names the conversation ({@code #room}, {@code @Peer});
     * nothing is pushed for a private conversation whose peer is gone.
     */
    public void readMoved(String userKey, String conv, long upTo, Outbound except) {
        ReadState.label(directory, conv, userKey).ifPresent(label -> {
            List<Outbound> targets = new ArrayList<>();
            presence.queuesOf(userKey, targets);
            Outbound.writeAll(targets, except, new ServerMessage.ReadPush(label, upTo));
        });
    }

    /** {@link #readMoved(String, String, long, Outbound)} for every session: a marker moved on another node. */
    public void readMoved(String userKey, String conv, long upTo) {
        readMoved(userKey, conv, upTo, null);
    }
}
