package org.parley.protocol;

import java.util.List;

/** Frames the server sends: replies (they carry {@code re}) and pushes (they do not). */
public sealed interface ServerMessage extends Message {

    /** A direct answer to one request. */
    sealed interface Reply extends ServerMessage {
        /** The {@code id} of the request this answers; null only for errors not tied to a request. */
        String re();
    }

    /** Sent once, right after the TLS handshake. */
    record Welcome(int protocol, String server) implements ServerMessage {
    }

    /**
     * Success. {@code user} and {@code resume} are set for login/resume, {@code msg} for send; otherwise null.
     */
    record Ok(String re, String user, String resume, ChatMessage msg) implements Reply {
        public static Ok of(String re) {
            return new Ok(re, null, null, null);
        }

        @Override
        public String toString() {
            return "Ok[re=" + re + ", user=" + user + ", msg=" + msg + "]";
        }
    }

    /** A page of the online users; {@code more} is TRUE when users after the last one listed were left out, else null. */
    record Users(String re, List<String> online, Boolean more) implements Reply {
        public Users {
            more = Boolean.TRUE.equals(more) ? Boolean.TRUE : null;
        }

        public Users(String re, List<String> online) {
            this(re, online, null);
        }

        public boolean hasMore() {
            return more != null;
        }
    }

    /** The answer to {@code watch}: which of the watched users are online now (registered spelling, sorted). */
    record Watch(String re, List<String> online) implements Reply {
    }

    /** Rooms sorted by name; {@code more} is TRUE when rooms after the last one listed were left out, else null. */
    record Rooms(String re, List<RoomInfo> rooms, Boolean more) implements Reply {
        public Rooms {
            more = Boolean.TRUE.equals(more) ? Boolean.TRUE : null;
        }

        public Rooms(String re, List<RoomInfo> rooms) {
            this(re, rooms, null);
        }

        public boolean hasMore() {
            return more != null;
        }
    }

    /**
     * A page of history, oldest first. {@code more} is TRUE when messages beyond the page, in the direction read
     * (older without {@code after}, newer with it), were left out by the count or the byte budget; else null.
     */
    record History(String re, List<ChatMessage> messages, Boolean more) implements Reply {
        public History {
            more = Boolean.TRUE.equals(more) ? Boolean.TRUE : null;
        }

        public History(String re, List<ChatMessage> messages) {
            this(re, messages, null);
        }

        public boolean hasMore() {
            return more != null;
        }
    }

    record Pong(String re) implements Reply {
    }

    /** A failed request ({@code re} set) or an unsolicited error ({@code re} null). */
    record Error(String re, ErrorCode code, String message, Long retryAfterMs) implements Reply {
        public static Error of(String re, ErrorCode code, String message) {
            return new Error(re, code, message, null);
        }
    }

    /** Push: a user's first session opened ({@code online}) or last session closed. */
    record Presence(String user, boolean online) implements ServerMessage {
    }

    /**
     * Push: keepalive probe, sent after the connection has been quiet for a while. The client must answer
     * with a {@code ping} request (any id) before the server's timeout, or the server treats it as dead.
     */
    record Ping() implements ServerMessage {
    }

    /** The answer to {@code unread}: one entry per conversation this user may read, sorted by {@code with}. */
    record Unread(String re, List<UnreadInfo> conversations) implements Reply {
    }

    /** The answer to {@code search}: matches newest first; {@code more} TRUE when further (older) matches exist. */
    record Search(String re, List<SearchHit> results, Boolean more) implements Reply {
        public Search {
            more = Boolean.TRUE.equals(more) ? Boolean.TRUE : null;
        }

        public boolean hasMore() {
            return more != null;
        }
    }

    /** Push: another session of this user moved its read marker of {@code with} forward to {@code upTo}. */
    record ReadPush(String with, long upTo) implements ServerMessage {
    }

    /** Push: a message for one of this session's conversations. */
    record MessagePush(ChatMessage msg) implements ServerMessage {
    }
}
