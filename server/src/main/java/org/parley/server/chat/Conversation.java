package org.parley.server.chat;

import org.parley.protocol.ErrorCode;
import org.parley.protocol.Limits;
import org.parley.server.RequestRefusedException;
import org.parley.server.store.UserStore;

/**
 * A resolved {@code #room} or {@code @user} address as seen by one user: what to show on the wire
 * ({@code label}), where its history lives ({@code key}), and, for a private one, the peer's user key.
 */
public record Conversation(String label, String key, String peerKey) {

    public boolean isRoom() {
        return peerKey == null;
    }

    /** Resolves an address and checks that {@code userKey} may use it. */
    public static Conversation resolve(String address, String userKey, Directory directory) {
        if (address != null && address.startsWith("#")) {
            String room = Names.room(address);
            if (!directory.roomExists(room)) {
                throw new RequestRefusedException(ErrorCode.NO_SUCH_ROOM, "no room " + room);
            }
            if (!directory.isMember(room, userKey)) {
                throw new RequestRefusedException(ErrorCode.NOT_A_MEMBER, "join " + room + " first");
            }
            return new Conversation(room, room, null);
        }
        if (address != null && address.startsWith("@")) {
            String peer = directory.user(address.substring(1))
                    .orElseThrow(() -> new RequestRefusedException(ErrorCode.NO_SUCH_USER, "no user " + address.substring(1)));
            String peerKey = UserStore.keyOf(peer);
            return new Conversation("@" + peer, Names.privateConversation(userKey, peerKey), peerKey);
        }
        throw new RequestRefusedException(ErrorCode.BAD_REQUEST, "an address is '#room' or '@user'");
    }

    public boolean isGeneral() {
        return Limits.GENERAL_ROOM.equals(key);
    }
}
