package org.parley.server.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.apache.mina.core.session.IoSession;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.UnreadInfo;
import org.parley.server.RequestRefusedException;
import org.parley.server.bus.Bus;
import org.parley.server.outbound.Outbound;
import org.parley.server.store.ReadStore;
import org.parley.server.store.Store;
import org.parley.server.store.UserStore;

/** Read markers and unread counts (docs/protocol.md, "Read state"): checks, store calls, the push to other sessions. */
final class ReadState {
    private final Store store;
    private final Directory directory;
    private final Fanout fanout;
    private final Bus bus;

    /** @param bus the cluster's bus, or null on a single node */
    ReadState(Store store, Directory directory, Fanout fanout, Bus bus) {
        this.store = store;
        this.directory = directory;
        this.fanout = fanout;
        this.bus = bus;
    }

    /**
     * Moves the user's marker of {@code with} to {@code upTo}. Once that has committed, the user's other sessions on
     * this node get a {@code read} push (on the writer thread, in commit order, so pushes never go backwards), and on
     * a cluster the bus tells the other nodes, which push it to the user's sessions there.
     */
    CompletableFuture<Void> read(String user, IoSession origin, String with, long upTo) {
        String key = UserStore.keyOf(user);
        Conversation conversation = Conversation.resolve(with, key, directory);
        if (upTo < 1) {
            throw new RequestRefusedException(ErrorCode.BAD_REQUEST, "upTo must be a message id (1 or more)");
        }
        return StoreFailures.answered(store.reads().markRead(key, conversation.key(), upTo, outcome -> {
            if (outcome == ReadStore.Outcome.ADVANCED) {
                fanout.readMoved(key, conversation.key(), upTo, Outbound.of(origin));
                if (bus != null) {
                    bus.readMoved(key, conversation.key(), upTo);
                }
            }
        })).thenAccept(outcome -> {
            if (outcome == ReadStore.Outcome.NO_SUCH_MESSAGE) {
                throw new RequestRefusedException(ErrorCode.NO_SUCH_MESSAGE,
                        "no message " + upTo + " in " + conversation.label());
            }
        });
    }

    /** Counts for every room the user is in and every private conversation with a user who still exists. */
    CompletableFuture<List<UnreadInfo>> unread(String user) {
        String key = UserStore.keyOf(user);
        return StoreFailures.answered(store.reads().unread(key, directory.roomsOf(key))).thenApply(rows -> {
            List<UnreadInfo> out = new ArrayList<>(rows.size());
            for (ReadStore.Counts row : rows) {
                label(directory, row.conv(), key).ifPresent(with -> out.add(
                        new UnreadInfo(with, row.upTo(), row.unread(), row.mentions(), row.last())));
            }
            out.sort((a, b) -> a.with().compareTo(b.with()));
            return out;
        });
    }

    /** {@code #room}, or {@code @Peer} in the peer's registered spelling (empty if the peer's account is gone). */
    static Optional<String> label(Directory directory, String conv, String userKey) {
        if (!conv.startsWith("@")) {
            return Optional.of(conv);
        }
        String[] keys = conv.substring(1).split("\\|", 2);
        String peer = keys[0].equals(userKey) ? keys[1] : keys[0];
        return directory.user(peer).map(name -> "@" + name);
    }
}
